import { expect, Page, test } from "@playwright/test";
import * as fs from "fs";
import * as path from "path";
import { hydrated, makeAdmin, signUpAndLogIn } from "../tests/account";

// Full-page screenshots of the main pages at a desktop and a phone width, into docs/screens/
// (named `<page>-<width>.png`). Run only when asked, with its own configuration:
//   cd end2end && npx playwright test -c screens/playwright.config.ts
// A little data first: a member with two rooms (one running) and a booking, and an admin.

const out = path.join(__dirname, "..", "..", "docs", "screens");
// `-before` names the pictures of an older build, kept beside the current ones to compare.
const suffix = process.env.QUORUM_SCREENS_SUFFIX ?? "";
const widths = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** Opens `url` at each width and saves the whole page as docs/screens/<name>-<width>.png. */
async function shoot(page: Page, name: string, url: string, ready: (page: Page) => Promise<void>) {
  for (const size of widths) {
    await page.setViewportSize(size);
    await page.goto(url);
    await hydrated(page);
    await ready(page);
    await page.screenshot({ path: path.join(out, `${name}-${size.width}${suffix}.png`), fullPage: true, animations: "disabled" });
  }
}

test("screenshots of the main pages at 1280 and 390 pixels", async ({ page, browser }) => {
  test.skip(!process.env.QUORUM_E2E_FAKE, "the rooms' region is a fake BBB server of the debug build");
  test.setTimeout(120_000);
  fs.mkdirSync(out, { recursive: true });
  const stamp = Date.now();

  // A member with two rooms and a booking in one; the other room's meeting is running.
  await signUpAndLogIn(page, "Rosa Rivera", `rosa-${stamp}@example.coop`);
  await hydrated(page);
  for (const name of ["Board room", "Weekly circle"]) {
    await page.goto("/dashboard");
    await hydrated(page);
    await page.getByLabel("New room's name").fill(name);
    await page.getByRole("button", { name: "Create room" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
  }
  const circle = page.url();
  await page.getByRole("link", { name: "Book a meeting" }).click();
  await page.getByLabel("Title").fill("Members' check-in");
  await page.getByLabel("Date").fill(tomorrow());
  await page.getByLabel("Start time").fill("10:00");
  await page.getByLabel("Duration (minutes)").fill("60");
  await page.getByLabel("Participants").fill("12");
  await page.getByLabel("Invitees").fill(`sam-${stamp}@example.org`);
  await page.getByRole("button", { name: "Book" }).click();
  await expect(page.getByText("Booked. Your invitees have been sent their invitations.")).toBeVisible();

  await page.goto("/dashboard");
  await hydrated(page);
  await page.getByRole("link", { name: "Board room" }).first().click();
  await expect(page.getByRole("heading", { name: "Board room" })).toBeVisible();
  const board = page.url();
  await hydrated(page);
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByRole("heading", { name: "Fake BigBlueButton" })).toBeVisible();
  await expect(async () => {
    await page.goto(board);
    await expect(page.getByText(/^running, /)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });

  await shoot(page, "dashboard", "/dashboard", async (p) => {
    await expect(p.getByText("Welcome, Rosa Rivera.")).toBeVisible();
  });
  await shoot(page, "room", board, async (p) => {
    await expect(p.getByText(/^running, /)).toBeVisible();
  });
  await shoot(page, "schedule", "/schedule", async (p) => {
    await expect(p.getByText("Members' check-in").first()).toBeVisible();
  });
  expect(circle).not.toBe(board);

  // The status page, once every region has been checked.
  await expect(async () => {
    await page.goto("/status");
    await expect(page.getByText("Not checked yet")).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await shoot(page, "status", "/status", async (p) => {
    await expect(p.getByRole("heading", { name: "Service status" })).toBeVisible();
  });

  // The admin's overview, in a browser of the admin's own.
  const adminContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    const email = `ada-${stamp}@example.coop`;
    await signUpAndLogIn(admin, "Ada Admin", email);
    await makeAdmin(admin, email, "Ada Admin", "/admin/monitoring", "Monitoring");
    await shoot(admin, "admin-monitoring", "/admin/monitoring", async (p) => {
      await expect(p.getByRole("heading", { name: "Monitoring" })).toBeVisible();
    });
  } finally {
    await adminContext.close();
  }
});
