import { expect, Page } from "@playwright/test";

/** Creates a room from the dashboard the member is on, hosts it on the "Watched region" (the fake
 *  BBB of the debug build, see playwright.config.ts), and comes back to the room's page. */
export async function roomOnWatchedRegion(page: Page, name: string) {
  await page.getByLabel("New room's name").fill(name);
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page.getByTestId("room-name")).toHaveText(name);
  await page.getByRole("link", { name: "Room settings" }).click();
  const settings = page.getByTestId("room-settings");
  await settings.getByLabel("Where meetings are hosted (region)").selectOption({ label: "Watched region" });
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The room's settings were saved.")).toBeVisible();
  await page.getByTestId("back-to-room").click();
}
