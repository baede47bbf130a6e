import { expect, test } from "@playwright/test";
import { adminFromCommandLine } from "./account";
import { linkFromOutbox } from "./mail";

const TAKEN = "An account with this email already exists.";

test("an admin makes an account, its owner chooses a password, and the admin deletes it", async ({ page, browser }) => {
  const stamp = Date.now();
  await adminFromCommandLine(page, `keeper-${stamp}@example.coop`, "Keeper");
  await page.goto("/admin/accounts");

  // Made by the admin: no sign-up, a mail with a link to choose a password.
  const pat = `pat-${stamp}@example.coop`;
  const create = page.getByTestId("create-account-form");
  await create.getByLabel("Name").fill("Pat Person");
  await create.getByLabel("Email").fill(`keeper-${stamp}@example.coop`);
  await create.getByRole("button", { name: "Create the account" }).click();
  await expect(page.getByTestId("create-account-form").getByText(TAKEN)).toBeVisible();
  await expect(page.getByTestId("create-account-form").getByLabel("Name")).toHaveValue("Pat Person");
  await page.getByTestId("create-account-form").getByLabel("Email").fill(pat);
  await page.getByTestId("create-account-form").getByRole("button", { name: "Create the account" }).click();
  await expect(page.getByText("The account is made; its owner is mailed a link to choose a password.")).toBeVisible();

  const owner = await (await browser.newContext()).newPage();
  await owner.goto(await linkFromOutbox(pat, "/password/reset?token="));
  await owner.getByLabel("New password").fill("pat's very own password");
  await owner.getByRole("button", { name: "Set password" }).click();
  await owner.goto("/login");
  await owner.getByLabel("Email").fill(pat);
  await owner.getByLabel("Password").fill("pat's very own password");
  await owner.getByRole("button", { name: "Log in" }).click();
  await expect(owner).toHaveURL(/\/dashboard/);

  // The admin opens Pat's page, renames Pat, and deletes the account once its address is typed.
  await page.goto(`/admin/accounts?q=${encodeURIComponent(pat)}`);
  await page.getByRole("link", { name: "Pat Person" }).click();
  const edit = page.getByTestId("person-edit");
  await edit.getByLabel("Name").fill("Pat P.");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pat P.");
  const remove = page.getByTestId("person-delete");
  await remove.getByLabel("Type the account's email address to confirm").fill("someone@else.example");
  await remove.getByRole("button", { name: "Delete the account" }).click();
  await expect(page.getByText("Type the account's email address exactly")).toBeVisible();
  await page.getByTestId("person-delete").getByLabel("Type the account's email address to confirm").fill(pat);
  await page.getByTestId("person-delete").getByRole("button", { name: "Delete the account" }).click();
  await expect(page.getByText("The account is deleted, with its rooms.")).toBeVisible();
});
