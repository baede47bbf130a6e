import { expect, Page } from "@playwright/test";
import { execFileSync } from "child_process";
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

/** Makes the account an admin the way an operator does, from the command line on the same database,
 *  then waits until the admin page `path` shows its `heading`. */
export async function makeAdmin(page: Page, email: string, name: string, path: string, heading: string) {
  execFileSync(process.env.QUORUM_E2E_BIN ?? "", ["admin", "create", "--email", email, "--name", name], {
    input: "correct horse battery\n",
    env: { ...process.env, QUORUM_DATABASE_URL: `sqlite://${process.env.QUORUM_E2E_DIR}/quorum.db?mode=rwc` },
  });
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
}

/** An administrator made from the command line alone, then logged in: no sign-up, so the suite's
 *  sign-ups from one address stay under the portal's hourly limit. */
export async function adminFromCommandLine(page: Page, email: string, name: string) {
  execFileSync(process.env.QUORUM_E2E_BIN ?? "", ["admin", "create", "--email", email, "--name", name], {
    input: "correct horse battery\n",
    env: { ...process.env, QUORUM_DATABASE_URL: `sqlite://${process.env.QUORUM_E2E_DIR}/quorum.db?mode=rwc` },
  });
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}
