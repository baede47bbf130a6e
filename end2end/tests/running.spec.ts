import { expect, test } from "@playwright/test";
import { adminFromCommandLine } from "./account";

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
