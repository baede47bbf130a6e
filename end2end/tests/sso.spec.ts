import { expect, test } from "@playwright/test";
import { hydrated, makeAdmin, signUpAndLogIn } from "./account";

const provider = process.env.QUORUM_E2E_OIDC ?? "";

// An admin adds the co-op's OpenID provider on the sign-in page; a member signs in through it,
// lands on the dashboard, and logging out signs them out of the provider too.
test("a member signs in through the co-op's provider and out of both", async ({ browser, baseURL }) => {
  const stamp = Date.now();
  const slug = `coop${stamp % 100000}`;
  const registered = await (
    await fetch(`${provider}/reg`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        redirect_uris: [`${baseURL}/auth/oidc/${slug}/callback`],
        post_logout_redirect_uris: [`${baseURL}/`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      }),
    })
  ).json();
  const account = `nia-${stamp}`;
  const email = `nia-${stamp}@example.coop`;
  await fetch(`${provider}/test/accounts`, {
    method: "POST",
    body: JSON.stringify({ id: account, email, email_verified: true, name: "Nia Provider" }),
  });

  const admin = await (await browser.newContext()).newPage();
  const adminEmail = `sso-admin-${stamp}@example.coop`;
  await signUpAndLogIn(admin, "Sam Admin", adminEmail);
  await makeAdmin(admin, adminEmail, "Sam Admin", "/admin/sign-in", "Sign-in");
  await hydrated(admin);
  const form = admin.getByTestId("sso-form");
  await form.getByLabel("Name in addresses").fill(slug);
  await form.getByLabel("Button text").fill(`Co-op ${stamp}`);
  await form.getByLabel("Issuer").fill(provider);
  await form.getByLabel("Client id").fill(registered.client_id);
  await form.getByLabel("Client secret").fill(registered.client_secret);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByTestId("sso-providers")).toContainText(`Co-op ${stamp}`);
  await expect(admin.locator("body")).not.toContainText(registered.client_secret);

  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: `Sign in with Co-op ${stamp}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider}/interaction/`));
  await page.getByLabel("Account").fill(account);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.locator("main")).toContainText("Nia Provider");

  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(new RegExp(`^${provider}/session/end`));
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Log in" })).toBeVisible();

  // Signed out at the provider too: it asks again who is signing in.
  await page.goto("/login");
  await hydrated(page);
  await page.getByRole("button", { name: `Sign in with Co-op ${stamp}` }).click();
  await expect(page.getByLabel("Account")).toBeVisible();
});
