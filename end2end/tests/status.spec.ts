import { expect, test } from "@playwright/test";
import { makeAdmin, signUpAndLogIn } from "./account";

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
  // Anyone reads a fixed phrase; what the poll saw ("API root: …") is for admins.
  await expect(page.getByTestId("incidents-watch")).toContainText("the portal could not use this region");
  await expect(page.getByTestId("incidents-watch")).not.toContainText("API root");
  await expect(page.getByTestId("incidents-watch")).not.toContainText("ongoing");
});

test("an admin sees each region's chart drawn on the server", async ({ page }) => {
  const email = `ada-${Date.now()}@example.coop`;
  await signUpAndLogIn(page, "Ada Admin", email);
  await makeAdmin(page, email, "Ada Admin", "/admin/monitoring", "Monitoring");
  const chart = page.getByTestId("monitoring-demo").getByTestId("chart");
  await expect(chart).toBeVisible();
  await expect(chart.locator("polyline")).toHaveCount(2);
  expect(await chart.getAttribute("aria-label")).toContain("Participants and meetings in Demo");
});

test("a member whose room's region is down moves the room to a healthy one", async ({ page }) => {
  test.skip(!fake, "the fake BBB server is built with the debug build only");
  await signUpAndLogIn(page, "Mo Mover", `mo-${Date.now()}@example.coop`);
  await page.getByLabel("New room's name").fill("Board meeting");
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page.getByTestId("room-name")).toHaveText("Board meeting");
  const roomUrl = page.url();
  await page.getByRole("link", { name: "Room settings" }).click();
  const settings = page.getByTestId("room-settings");
  await settings.getByLabel("Where meetings are hosted (region)").selectOption({ label: "Watched region" });
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The room's settings were saved.")).toBeVisible();

  await setMode("down");
  try {
    await expect(async () => {
      await page.goto(roomUrl);
      await expect(page.getByTestId("region-down")).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    const offer = page.getByTestId("move-room");
    await expect(offer.getByLabel(/Spare region/)).toBeChecked();
    await expect(offer).toContainText("offers the same");
    await offer.getByRole("button", { name: "Move the room" }).click();
    await expect(page.getByText("Tick the box to confirm.")).toBeVisible();
    await page.getByTestId("move-room").getByLabel("Yes, move the room there").check();
    await page.getByTestId("move-room").getByRole("button", { name: "Move the room" }).click();
    await expect(page.getByText("The room was moved; its link stays the same.")).toBeVisible();
    await expect(page.getByTestId("region-down")).toHaveCount(0);
    expect(page.url().split("?")[0]).toBe(roomUrl);
  } finally {
    await setMode("up");
  }
});
