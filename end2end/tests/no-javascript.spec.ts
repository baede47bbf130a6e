import { expect, test } from "@playwright/test";
import { linkFromOutbox } from "./mail";

// Members join from all kinds of machines: every form must work as a plain HTML form.
test.use({ javaScriptEnabled: false });

test("without JavaScript: sign up with a mistake, confirm, log in, create a room", async ({ page }) => {
  const email = `nojs-${Date.now()}@example.coop`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Nora NoScript");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  // What was typed is still there; the password is not.
  await expect(page.getByLabel("Name")).toHaveValue("Nora NoScript");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-done")).toBeVisible();

  await page.goto(await linkFromOutbox(email, "/verify?token="));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/login\?verified=1/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("dashboard-greeting")).toHaveText("Welcome, Nora NoScript.");

  await page.getByLabel("New room's name").fill("Quiet room");
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page.getByTestId("room-name")).toHaveText("Quiet room");
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByTestId("fake-bbb")).toBeVisible();
});
