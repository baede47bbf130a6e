import { expect, test } from "@playwright/test";
import { hydrated, signUpAndLogIn } from "./account";

test("pages hydrate under the nonce CSP without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Refused to run: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await signUpAndLogIn(page, "Csp Carla", `carla-${Date.now()}@example.coop`);
  for (const path of ["/dashboard", "/profile", "/recordings"]) {
    const answer = await page.goto(path);
    expect(answer?.headers()["content-security-policy"]).toContain("'nonce-");
    expect(answer?.headers()["cache-control"]).toBe("no-store");
    await hydrated(page);
  }
  expect(violations).toEqual([]);
});

test("a form on another site cannot post to the portal", async ({ page, baseURL }) => {
  await signUpAndLogIn(page, "Csrf Cleo", `cleo-${Date.now()}@example.coop`);
  // A page of another origin (localhost is another site than 127.0.0.1) posts the logout form.
  const elsewhere = (baseURL ?? "").replace("127.0.0.1", "localhost");
  await page.goto(`${elsewhere}/healthz`);
  await page.setContent(
    `<form method="post" action="${baseURL}/api/accounts/logout"><button>Win a prize</button></form>`,
  );
  await page.getByRole("button", { name: "Win a prize" }).click();
  await expect(page.locator("body")).toContainText("Cross-site request refused");
  await page.goto("/dashboard");
  await hydrated(page);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
});
