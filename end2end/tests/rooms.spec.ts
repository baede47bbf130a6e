import { expect, test } from "@playwright/test";
import { hydrated, signUpAndLogIn } from "./account";

test("create a room, change a setting, start it; a guest joins with the access code", async ({ page, browser }) => {
  await signUpAndLogIn(page, "Olive Owner", `olive-${Date.now()}@example.coop`);
  await hydrated(page);
  await expect(page.getByTestId("region-comparison")).toContainText("Demo (fake BBB");

  await page.getByLabel("New room's name").fill("Spring assembly");
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page).toHaveURL(/\/r\/[a-z]{3}-[a-z]{3}-[a-z]{3}-[a-z]{3}$/);
  const roomUrl = page.url();
  await expect(page.getByTestId("room-name")).toHaveText("Spring assembly");
  await hydrated(page);

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(roomUrl);

  await page.getByRole("link", { name: "Room settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const settings = page.getByTestId("room-settings");
  await settings.getByLabel("Access code for participants").fill("letmein");
  await settings.getByLabel("Mute on join").check();
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The room's settings were saved.")).toBeVisible();
  await expect(settings.getByLabel("Mute on join")).toBeChecked();

  await page.getByRole("link", { name: "Back to the room" }).click();
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByTestId("fake-bbb")).toBeVisible();
  expect(page.url()).toContain("/bigbluebutton/api/join?");
  await expect(page.getByTestId("role")).toHaveText("MODERATOR");

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(roomUrl);
  await hydrated(guest);
  await guest.getByLabel("Your name").fill("Gus Guest");
  await guest.getByLabel("Access code", { exact: true }).fill("guess");
  await guest.getByRole("button", { name: "Join meeting" }).click();
  await expect(guest.getByText("This access code is not right.")).toBeVisible();
  await guest.getByLabel("Access code", { exact: true }).fill("letmein");
  await guest.getByRole("button", { name: "Join meeting" }).click();
  await expect(guest.getByTestId("fake-bbb")).toBeVisible();
  await expect(guest.getByText("Gus Guest joined")).toBeVisible();
  await expect(guest.getByTestId("role")).toHaveText("VIEWER");
  await guestContext.close();
});
