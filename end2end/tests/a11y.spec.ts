import { expect, Page, test } from "@playwright/test";
import * as fs from "fs";
import * as path from "path";
import { hydrated, makeAdmin, signUpAndLogIn } from "./account";

// Every page through axe-core (from the npm registry, injected into the page as it is), signed in
// and out and with forms showing their errors: no serious or critical violation of WCAG 2.1 A/AA.
// Each page also has a title of its own.
// Evaluated through the browser's debugging protocol, which the page's CSP does not govern (an
// injected <script> would be refused, as it should be).
const axeSource = fs.readFileSync(path.join(__dirname, "..", "node_modules", "axe-core", "axe.min.js"), "utf8");

type Violation = { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] };

async function audit(page: Page, what: string): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations: Violation[] = await page.evaluate(async () => {
    // @ts-expect-error axe is the injected script's global
    const result = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function visit(page: Page, url: string, found: string[], titles: Map<string, string>) {
  await page.goto(url);
  await hydrated(page);
  found.push(...(await audit(page, url)));
  const title = await page.title();
  expect(title, `${url} has a title of its own`).toMatch(/^.+ · .+$/);
  titles.set(url, title);
}

test("every page passes an accessibility audit, signed in and out, with forms showing errors", async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const found: string[] = [];
  const titles = new Map<string, string>();

  // Signed out, and the refused forms a visitor meets.
  const visitor = await (await browser.newContext()).newPage();
  for (const url of ["/", "/login", "/signup", "/status", "/password/forgot", "/verify/resend", "/no-such-page"]) {
    await visit(visitor, url, found, titles);
  }
  await visitor.goto("/login");
  await hydrated(visitor);
  await visitor.getByLabel("Email").fill("nobody@example.coop");
  await visitor.getByLabel("Password").fill("wrong password");
  await visitor.getByRole("button", { name: "Log in" }).click();
  await expect(visitor.getByRole("alert")).toBeVisible();
  found.push(...(await audit(visitor, "/login refused")));
  expect(await visitor.title()).toMatch(/^Error/);
  await visitor.goto("/signup");
  await hydrated(visitor);
  await visitor.getByRole("button", { name: "Create account" }).click();
  await expect(visitor.locator('[aria-invalid="true"]').first()).toBeVisible();
  found.push(...(await audit(visitor, "/signup refused")));

  // A member and their room, as its owner and as a guest.
  const member = await (await browser.newContext()).newPage();
  await signUpAndLogIn(member, "Ada Audit", `ada-${stamp}@example.coop`);
  await member.getByLabel("New room's name").fill("Audited room");
  await member.getByRole("button", { name: "Create room" }).click();
  await expect(member).toHaveURL(/\/r\/[a-z-]+$/);
  const room = new URL(member.url()).pathname;
  for (const url of ["/dashboard", "/profile", "/recordings", "/schedule", "/schedule/new", "/membership", room, `${room}/settings`]) {
    await visit(member, url, found, titles);
  }
  await member.goto(`${room}/settings`);
  await hydrated(member);
  const settings = member.getByTestId("room-settings");
  await settings.getByLabel("Access code for participants").fill("x");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(member.locator('[aria-invalid="true"]').first()).toBeVisible();
  found.push(...(await audit(member, "room settings refused")));
  await member.goto("/schedule/new");
  await hydrated(member);
  await member.getByRole("button", { name: "Book" }).click();
  await expect(member.locator('[aria-invalid="true"]').first()).toBeVisible();
  found.push(...(await audit(member, "booking refused")));

  const guest = await (await browser.newContext()).newPage();
  await visit(guest, room, found, titles);
  await guest.getByLabel("Your name").fill("Gil Guest");
  await guest.getByRole("button", { name: "Join meeting" }).click();
  await expect(guest).toHaveURL(/\/wait/);
  await hydrated(guest);
  found.push(...(await audit(guest, "waiting page")));

  // An admin's pages.
  const admin = await (await browser.newContext()).newPage();
  const adminEmail = `audit-admin-${stamp}@example.coop`;
  await signUpAndLogIn(admin, "Abe Admin", adminEmail);
  await makeAdmin(admin, adminEmail, "Abe Admin", "/admin/accounts", "Accounts");
  for (const url of [
    "/admin/accounts",
    "/admin/regions",
    "/admin/rooms",
    "/admin/recordings",
    "/admin/monitoring",
    "/admin/schedule",
    "/admin/membership",
    "/admin/contributions",
    "/admin/legacy",
    "/admin/sign-in",
    "/admin/security",
  ]) {
    await visit(admin, url, found, titles);
  }

  expect(found, found.join("\n")).toEqual([]);
  const distinct = new Set(titles.values());
  expect(distinct.size, [...titles.entries()].map(([u, t]) => `${u}: ${t}`).join("\n")).toBeGreaterThan(titles.size - 3);
});

// At 360 px wide (a small phone) and at 200 % zoom, nothing spills out of the page sideways.
test("pages fit a 360 px screen and 200 % zoom", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signUpAndLogIn(page, "Zed Zoom", `zed-${Date.now()}@example.coop`);
  for (const url of ["/dashboard", "/status", "/schedule", "/membership", "/profile"]) {
    await page.goto(url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${url} at 360 px`).toBeLessThanOrEqual(0);
  }
  const zoomed = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await zoomed.goto("/status");
  await zoomed.evaluate(() => {
    document.body.style.zoom = "2";
  });
  const overflow = await zoomed.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "/status at 200 %").toBeLessThanOrEqual(0);
});

// On a phone, tables become stacked rows, each value after its column's name, and no word splits
// across lines (the status table once read "U p", "St at e").
test("tables stack on a phone and never split a word", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto("/status");
  const state = page.getByTestId("state").first();
  await expect(state).toBeVisible();
  const box = await state.boundingBox();
  const line = await state.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || 16);
  expect(box?.height ?? 0, "the state word stays on one line").toBeLessThan(line * 1.8);
  const label = await state.evaluate((e) => getComputedStyle(e.closest("td") as Element, "::before").content);
  expect(label).toContain("State");
});
