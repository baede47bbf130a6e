import { expect, test } from "@playwright/test";
import { execFileSync } from "child_process";
import { makeAdmin, signUpAndLogIn } from "./account";

// A legacy Greenlight v2 database on the tests' PostgreSQL server (scripts/test starts it), with a
// bcrypt digest made by Python's bcrypt (scripts/test installs it): Lena (who confirmed her email
// there) and her room shared with Max.
const pg = process.env.QUORUM_TEST_PG_URL ?? "";
const python = process.env.QUORUM_PYTHON ?? "";

function legacyDatabase(): string {
  const name = `legacy_e2e_${Date.now()}`;
  execFileSync("psql", [pg, "-qc", `CREATE DATABASE ${name}`]);
  const url = pg.replace(/\/[^/]*$/, `/${name}`);
  const digest = execFileSync(python, [
    "-c",
    "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())",
    "Grüße 2019",
  ])
    .toString()
    .trim()
    .replace("$2b$", "$2a$");
  const schema = `
    CREATE TABLE roles (id serial PRIMARY KEY, name varchar, provider varchar);
    CREATE TABLE users (id serial PRIMARY KEY, provider varchar, uid varchar, name varchar, email varchar,
      password_digest varchar, language varchar, deleted boolean NOT NULL DEFAULT false, role_id int,
      email_verified boolean DEFAULT false);
    CREATE TABLE rooms (id serial PRIMARY KEY, user_id int, name varchar, uid varchar, bbb_id varchar,
      room_settings varchar, access_code varchar, moderator_access_code varchar, deleted boolean NOT NULL DEFAULT false);
    CREATE TABLE shared_accesses (id serial PRIMARY KEY, room_id int, user_id int);
    INSERT INTO roles VALUES (1, 'user', 'greenlight');
    INSERT INTO users (provider, uid, name, email, password_digest, language, role_id, email_verified) VALUES
      ('greenlight', 'gl-lenalenalena', 'Lena Legacy', 'lena-${Date.now()}@example.org', '${digest}', 'en', 1, true),
      ('greenlight', 'gl-maxmaxmaxmax', 'Max Legacy', 'max-${Date.now()}@example.org', NULL, 'en', 1, false);
    INSERT INTO rooms (user_id, name, uid, bbb_id, room_settings, access_code) VALUES
      (1, 'Lena''s circle', 'len-${String(Date.now()).slice(-3)}-a1b', '${"f".repeat(32)}${String(Date.now()).slice(-8)}',
       '{"muteOnStart":true,"requireModeratorApproval":false}', '424242');
    INSERT INTO shared_accesses (room_id, user_id) VALUES (1, 2);`;
  execFileSync("psql", [url, "-qc", schema]);
  return url;
}

test("an admin imports a legacy Greenlight; its member signs in with the old password and starts her room", async ({ page }) => {
  test.skip(!pg || !python, "needs the tests' PostgreSQL server and Python's bcrypt (scripts/test provides both)");
  const url = legacyDatabase();
  const lena = execFileSync("psql", [url, "-tAc", "SELECT email FROM users WHERE name = 'Lena Legacy'"]).toString().trim();
  const email = `ida-${Date.now()}@example.coop`;
  await signUpAndLogIn(page, "Ida Importer", email);
  await makeAdmin(page, email, "Ida Importer", "/admin/legacy", "Import from Greenlight");

  const form = page.getByTestId("legacy-form");
  await form.getByLabel("Database address").fill(url);
  await form.getByLabel("Region for the imported rooms").selectOption({ label: "Spare region" });
  await form.getByRole("button", { name: "Dry run" }).click();
  await expect(async () => {
    await page.goto("/admin/legacy");
    await expect(page.getByTestId("legacy-report").first()).toContainText("Dry run: nothing was written.", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("legacy-report").first()).toContainText("Members: 2 imported, 0 skipped, 0 in conflict");

  await page.getByTestId("legacy-form").getByLabel("Database address").fill(url);
  await page.getByTestId("legacy-form").getByLabel("Region for the imported rooms").selectOption({ label: "Spare region" });
  await page.getByTestId("legacy-form").getByRole("button", { name: "Import", exact: true }).click();
  await expect(async () => {
    await page.goto("/admin/legacy");
    await expect(page.getByTestId("legacy-report").first()).toContainText("Import done.", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("legacy-report").first()).toContainText("Rooms: 1 imported");
  expect(await page.content()).not.toContain(url);

  // Lena, in a browser of her own, signs in with the password she had on the old portal.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(lena);
  await page.getByLabel("Password").fill("Grüße 2019");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await page.getByRole("link", { name: "Lena's circle" }).click();
  await expect(page.getByTestId("room-name")).toHaveText("Lena's circle");
  await page.getByRole("link", { name: "Room settings" }).click();
  await expect(page.getByTestId("room-settings").getByLabel("Mute on join")).toBeChecked();
  await expect(page.getByText("Max Legacy")).toBeVisible();
  await page.getByTestId("back-to-room").click();
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByTestId("fake-bbb")).toBeVisible();
});
