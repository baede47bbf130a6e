import { expect, test } from "@playwright/test";

// The fake BBB server behind the "Watched region" (see playwright.config.ts).
const fake = process.env.QUORUM_E2E_FAKE ?? "";

async function setMode(mode: string) {
  const answer = await fetch(`${fake}/fake/mode`, { method: "POST", body: mode });
  expect(answer.ok).toBeTruthy();
}

test("the status page shows a region go down and come back", async ({ page }) => {
  test.skip(!fake, "the fake BBB server is built with the debug build only");
  const row = page.getByTestId("status-watch");
  await page.goto("/status");
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("state")).toHaveText("Up", { timeout: 500 });
  }).toPass({ timeout: 15_000 });

  await setMode("down");
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("state")).toHaveText("Down", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("incidents-watch")).toContainText("ongoing");

  await setMode("up");
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("state")).toHaveText("Up", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("incidents-watch")).toContainText("API root");
  await expect(page.getByTestId("incidents-watch")).not.toContainText("ongoing");
});
