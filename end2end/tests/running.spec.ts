import { expect, test } from "@playwright/test";
import { adminFromCommandLine } from "./account";
import { mailTo } from "./mail";
import { roomOnWatchedRegion } from "./room";

/** `at` as a datetime-local field holds it, in the browser's zone (the admin's). */
function local(at: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

test("an admin's announcement shows on every page until taken down", async ({ page, browser }) => {
  const email = `herald-${Date.now()}@example.coop`;
  await adminFromCommandLine(page, email, "Herald");
  await page.goto("/admin/announcements");

  // A field left wrong is named next to it; nothing is published.
  const form = page.getByTestId("announcement-form");
  await form.getByLabel("Warning").check();
  await form.getByLabel("Shown from").fill(local(new Date(Date.now() - 60_000)));
  await form.getByLabel("Shown until").fill(local(new Date(Date.now() - 120_000)));
  await form.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("It must end after it starts.")).toBeVisible();
  await expect(page.getByText("Write the announcement in at least one language.")).toBeVisible();

  const text = `The EU region restarts tonight (${Date.now()})`;
  await form.getByLabel("Shown until").fill(local(new Date(Date.now() + 3_600_000)));
  await form.getByLabel("In English").fill(text);
  await form.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published: it shows on every page while it runs.")).toBeVisible();

  // A visitor sees it on the home page and the status page, as an alert.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/");
  await expect(visitor.getByRole("alert").filter({ hasText: text })).toBeVisible();
  await visitor.goto("/status");
  await expect(visitor.getByRole("alert").filter({ hasText: text })).toBeVisible();

  // Taken down: gone (a visitor's page is kept a second).
  const line = page.getByTestId("announcements").locator("li").filter({ hasText: text });
  await line.getByRole("button", { name: "Take down" }).click();
  await expect(page.getByText("Taken down.")).toBeVisible();
  await expect(async () => {
    await visitor.reload();
    await expect(visitor.getByText(text)).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
});

/** A 1 × 1 PNG a browser decodes. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

test("an admin gives the co-op its face and plans maintenance over a booking", async ({ page, browser }) => {
  test.skip(!process.env.QUORUM_E2E_FAKE, "the region with a capacity is served by the fake BBB server of the debug build");
  const email = `steward-${Date.now()}@example.coop`;
  await adminFromCommandLine(page, email, "Steward");
  await page.goto("/admin/site");

  // A colour too pale for white text is refused with its ratio; a dark one is taken.
  const identity = page.getByTestId("identity-form");
  await identity.getByLabel("The co-op's name").fill("Riverside Co-op");
  await identity.getByLabel("Accent colour").fill("#f1c40f");
  await identity.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("This colour has a contrast of only 1.5:1")).toBeVisible();
  await expect(identity.getByLabel("The co-op's name")).toHaveValue("Riverside Co-op");
  await identity.getByLabel("Accent colour").fill("#1a5276");
  await identity.getByLabel("Welcome on the home page").fill("Meet your neighbours, in your region.");
  await identity.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".brand")).toHaveText("Riverside Co-op");
  await expect(page).toHaveTitle(/ · Riverside Co-op$/);
  const header = await page.locator(".site-header").evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(header).toBe("rgb(26, 82, 118)");

  // The logo: a file that is no picture is refused; a PNG shows in the header.
  const upload = page.getByTestId("logo-upload");
  await upload.getByLabel("Logo file").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("not a picture") });
  await upload.getByRole("button", { name: "Upload the logo" }).click();
  await expect(page.getByText("This is not a PNG, JPEG, WebP or GIF picture.")).toBeVisible();
  await page.getByTestId("logo-upload").getByLabel("Logo file").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await page.getByTestId("logo-upload").getByRole("button", { name: "Upload the logo" }).click();
  await expect(page.getByText("The new logo is in place.")).toBeVisible();
  await expect(page.locator(".brand-logo")).toHaveJSProperty("naturalWidth", 1);

  // Terms of use, written here, asked of new members.
  const links = page.getByTestId("links-form");
  await links.locator("#f-terms_body").fill("Be kind.\n\nShare the room.");
  await links.getByLabel("New members accept the terms of use when they sign up").check();
  await links.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".site-footer").getByRole("link", { name: "Terms of use" })).toBeVisible();

  // A visitor meets all of it: the name, the welcome, the footer, the terms at sign-up.
  const visitor = await (await browser.newContext()).newPage();
  await expect(async () => {
    await visitor.goto(`/?v=${Date.now()}`);
    await expect(visitor.getByTestId("welcome")).toHaveText("Meet your neighbours, in your region.", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await visitor.locator(".site-footer").getByRole("link", { name: "Terms of use" }).click();
  await expect(visitor.getByText("Share the room.")).toBeVisible();
  await visitor.goto("/signup");
  await expect(visitor.getByLabel("I accept the terms of use")).toBeVisible();

  // The admin's own booking tomorrow evening on the watched region, then maintenance over it.
  await page.goto("/dashboard");
  await roomOnWatchedRegion(page, "Steward's room");
  await page.getByTestId("room-book").click();
  const form = page.getByTestId("booking-form");
  await form.getByLabel("Title").fill("Evening board");
  await form.getByLabel("Date").fill(tomorrow());
  await form.getByLabel("Start time").fill("20:00");
  await form.getByLabel("Duration (minutes)").fill("60");
  await form.getByLabel("Participants").fill("2");
  await form.getByRole("button", { name: "Book" }).click();
  await expect(page.getByText("Booked.", { exact: true })).toBeVisible();

  await page.goto("/admin/maintenance");
  const plan = page.getByTestId("maintenance-form");
  await plan.getByLabel("Region").selectOption({ label: "Watched region (watch)" });
  await plan.getByLabel("From").fill(`${tomorrow()}T19:00`);
  await plan.getByLabel("Until").fill(`${tomorrow()}T21:30`);
  await plan.getByLabel("Note").fill("New servers");
  await plan.getByRole("button", { name: "Plan the window" }).click();
  await expect(page.getByText("The window is planned.")).toBeVisible();

  // The organiser is mailed, under the co-op's name; everyone sees the banner and the status page.
  const mail = await mailTo(email, "Planned maintenance during your meeting", 45);
  expect(mail).toContain("From: \"Riverside Co-op\"");
  await expect(async () => {
    await visitor.goto(`/?m=${Date.now()}`);
    await expect(visitor.getByTestId("maintenance-banner")).toContainText("Watched region", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await visitor.goto("/status");
  await expect(visitor.getByTestId("planned-maintenance")).toContainText("New servers");

  // Leave the portal as the other walks expect it: no window, the default name, no terms asked.
  await page.getByTestId("maintenance-windows").getByRole("button", { name: "Remove" }).first().click();
  await expect(page.getByText("The window is removed.")).toBeVisible();
  await page.goto("/admin/site");
  await page.getByTestId("identity-form").getByLabel("The co-op's name").fill("Quorum");
  await page.getByTestId("identity-form").getByLabel("Accent colour").fill("");
  await page.getByTestId("identity-form").getByLabel("Welcome on the home page").fill("");
  await page.getByTestId("identity-form").getByRole("button", { name: "Save" }).click();
  await page.getByTestId("logo").getByRole("button", { name: "Remove the logo" }).click();
  await expect(page.getByText("The logo is removed.")).toBeVisible();
  await page.getByTestId("links-form").locator("#f-terms_body").fill("");
  await page.getByTestId("links-form").getByLabel("New members accept the terms of use when they sign up").uncheck();
  await page.getByTestId("links-form").getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".site-footer")).toHaveCount(0);
});
