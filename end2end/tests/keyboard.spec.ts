import { expect, Page, test } from "@playwright/test";
import { hydrated, signUpAndLogIn } from "./account";

// The main paths with the keyboard alone: Tab to move, typing, Enter and Space to act. The focus is
// always visible, starts on the page's heading after a navigation and on what went wrong after a
// refused form, and the skip link goes to the content.

/** Presses Tab (or `key`) until the focus is on the element `matches` describes; fails after `limit`. */
async function tabTo(page: Page, matches: (el: Element) => boolean, limit = 40, key = "Tab") {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const found = await page.evaluate((source) => {
      const test = new Function("el", `return (${source})(el)`) as (el: Element) => boolean;
      return document.activeElement ? test(document.activeElement) : false;
    }, matches.toString());
    if (found) {
      const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(ring, "the focus is visible").not.toBe("none");
      return;
    }
  }
  throw new Error(`no element found by ${limit} presses of Tab`);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement!;
    return { tag: el.tagName, id: el.id, role: el.getAttribute("role"), text: el.textContent?.trim() ?? "" };
  });

test("sign in, create and start a room, and join it as a guest, with the keyboard alone", async ({ page, browser }) => {
  const email = `kim-${Date.now()}@example.coop`;
  await signUpAndLogIn(page, "Kim Keys", email);
  await page.getByTestId("logout").click();

  await page.goto("/login");
  await hydrated(page);
  expect((await focused(page)).tag, "the focus starts on the heading").toBe("H1");
  // Back up to the skip link, the page's first stop: it goes to the content.
  await tabTo(page, (el) => el.classList.contains("skip-link"), 10, "Shift+Tab");
  await page.keyboard.press("Enter");
  expect((await focused(page)).id).toBe("main");

  await tabTo(page, (el) => el.id === "f-email");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type("not the password");
  await page.keyboard.press("Enter");
  await hydrated(page);
  await expect(page).toHaveTitle(/^Error: Log in/);
  expect((await focused(page)).role, "a refused form puts the focus on what went wrong").toBe("alert");

  await tabTo(page, (el) => el.id === "f-password");
  await page.keyboard.type("correct horse battery");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard/);
  await hydrated(page);
  expect((await focused(page)).tag, "after signing in, the focus is on the page's heading").toBe("H1");

  await tabTo(page, (el) => el.id === "f-name");
  await page.keyboard.type("Keyboard room");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("room-name")).toHaveText("Keyboard room");
  const room = page.url();
  await tabTo(page, (el) => el.tagName === "BUTTON" && el.textContent?.trim() === "Start meeting");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("fake-bbb")).toBeVisible();

  const guest = await (await browser.newContext()).newPage();
  await guest.goto(room);
  await hydrated(guest);
  await tabTo(guest, (el) => el.getAttribute("name") === "name");
  await guest.keyboard.press("Enter");
  await hydrated(guest);
  expect((await focused(guest)).id, "the empty name takes the focus").toBe("f-name");
  const described = await guest.evaluate(() => document.activeElement!.getAttribute("aria-describedby"));
  expect(await guest.locator(`#${described}`).textContent()).toContain("Enter your name");
  await guest.keyboard.type("Gwen Guest");
  await guest.keyboard.press("Enter");
  await expect(guest.getByText("Gwen Guest joined")).toBeVisible();
});

test("book a meeting with the keyboard alone", async ({ page }) => {
  await signUpAndLogIn(page, "Bo Keys", `bo-${Date.now()}@example.coop`);
  await tabTo(page, (el) => el.id === "f-name");
  await page.keyboard.type("Booked room");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("room-name")).toHaveText("Booked room");
  await page.goto("/schedule/new");
  await hydrated(page);
  await tabTo(page, (el) => el.getAttribute("name") === "title");
  await page.keyboard.type("Keyboard assembly");
  // A meeting of one minute is too short: the refusal says so at the field, which has the focus.
  await tabTo(page, (el) => el.getAttribute("name") === "duration");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("1");
  await page.keyboard.press("Enter");
  await hydrated(page);
  await expect(page).toHaveTitle(/^Error:/);
  const wrong = await focused(page);
  expect(wrong.id).toBe("f-duration");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("60");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Booked.", { exact: false })).toBeVisible();
});

test("the waiting page says when the meeting starts, without reloading itself", async ({ page, browser }) => {
  await signUpAndLogIn(page, "Wes Wait", `wes-${Date.now()}@example.coop`);
  await page.getByLabel("New room's name").fill("Later room");
  await page.getByRole("button", { name: "Create room" }).click();
  await expect(page.getByTestId("room-name")).toHaveText("Later room");
  const room = page.url();

  const guest = await (await browser.newContext()).newPage();
  await guest.goto(room);
  await hydrated(guest);
  await guest.getByLabel("Your name").fill("Gia Guest");
  await guest.getByRole("button", { name: "Join meeting" }).click();
  await expect(guest).toHaveURL(/\/wait$/);
  await hydrated(guest);
  await guest.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  // The page asks in the background, and stays the same page while it waits.
  await guest.waitForRequest(/\/api\/meetings\/enter/, { timeout: 15_000 });
  expect(await guest.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect(guest.getByTestId("wait-status")).toHaveText("");
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(guest.getByTestId("fake-bbb")).toBeVisible({ timeout: 15_000 });
  await expect(guest.getByText("Gia Guest joined")).toBeVisible();
});
