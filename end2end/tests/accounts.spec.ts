import { expect, test } from "@playwright/test";
import { linkFromOutbox } from "./mail";
import { signUpAndLogIn } from "./account";

async function hydrated(page: import("@playwright/test").Page) {
  await page.waitForSelector('body[data-hydrated="true"]');
}

test("sign up, confirm by mail, log in, see the dashboard, log out", async ({ page }) => {
  const email = `ann-${Date.now()}@example.coop`;
  await page.goto("/signup");
  await hydrated(page);

  // A bad field is explained next to it, and nothing is lost.
  await page.getByLabel("Name").fill("Ann Lee");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Ann Lee");

  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-done")).toBeVisible();

  const link = await linkFromOutbox(email, "/verify?token=");
  await page.goto(link);
  await hydrated(page);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/login\?verified=1/);
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("dashboard-greeting")).toHaveText("Welcome, Ann Lee.");

  // A full reload keeps the member signed in: the session is on the server.
  await page.reload();
  await expect(page.getByTestId("dashboard-greeting")).toHaveText("Welcome, Ann Lee.");
  await hydrated(page);

  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Log in" }).first()).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});

test.describe("a browser in Berlin", () => {
  test.use({ timezoneId: "Europe/Berlin" });
  test("a new account starts in the browser's time zone", async ({ page }) => {
    await signUpAndLogIn(page, "Bea Berlin", `bea-${Date.now()}@example.coop`);
    await page.goto("/profile");
    await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  });
});
