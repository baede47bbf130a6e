import { expect, Page } from "@playwright/test";
import { linkFromOutbox } from "./mail";

export async function hydrated(page: Page) {
  await page.waitForSelector('body[data-hydrated="true"]');
}

/** Creates an account through the pages, confirms it from the outbox mail, and logs in. */
export async function signUpAndLogIn(page: Page, name: string, email: string, password = "correct horse battery") {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-done")).toBeVisible();
  await page.goto(await linkFromOutbox(email, "/verify?token="));
  await hydrated(page);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/login\?verified=1/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}
