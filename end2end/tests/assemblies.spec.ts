import { Browser, expect, Page, test } from "@playwright/test";
import { makeAdmin, signUpAndLogIn } from "./account";
import { roomOnWatchedRegion } from "./room";

// The "Watched region" (see playwright.config.ts) is served by the fake BBB of the debug build,
// whose control routes list who is in each meeting and let one leave.
const fake = process.env.QUORUM_E2E_FAKE ?? "";

/** A time a couple of minutes from now in the browser's zone (the member's), as the form wants it. */
function soon(): { date: string; time: string } {
  const at = new Date(Date.now() + 2 * 60_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return { date: `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`, time: `${two(at.getHours())}:${two(at.getMinutes())}` };
}

async function member(browser: Browser, name: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signUpAndLogIn(page, name, email);
  return page;
}

async function joinAs(page: Page, assembly: string, name?: string) {
  await page.goto(assembly);
  const form = page.getByTestId("assembly-join");
  if (name) await form.getByLabel("Your name").fill(name);
  await form.getByLabel("I agree that my joining and leaving are recorded in the minutes.").check();
  await form.getByRole("button", { name: "Join the meeting" }).click();
  await expect(page.getByTestId("fake-bbb")).toBeVisible();
}

test("an assembly counts its quorum as members come and go", async ({ page, browser }) => {
  test.skip(!fake, "the region is served by the fake BBB server of the debug build");
  const stamp = Date.now();
  const chairEmail = `chair-${stamp}@example.coop`;
  await signUpAndLogIn(page, "Chair", chairEmail);
  await makeAdmin(page, chairEmail, "Chair", "/admin/accounts", "Accounts");

  // The chair books the meeting in a room on the watched region, starting in two minutes.
  await page.goto("/dashboard");
  await roomOnWatchedRegion(page, "General assembly");
  const room = new URL(page.url()).pathname;
  await page.getByTestId("room-book").click();
  const form = page.getByTestId("booking-form");
  const { date, time } = soon();
  await form.getByLabel("Title").fill("General assembly 2027");
  await form.getByLabel("Date").fill(date);
  await form.getByLabel("Start time").fill(time);
  await form.getByLabel("Duration (minutes)").fill("60");
  await form.getByLabel("Participants").fill("8");
  await form.getByRole("button", { name: "Book" }).click();
  await expect(page.getByTestId("booking-title")).toHaveText("General assembly 2027");

  // It becomes a members' meeting: every active member votes, observers welcome, quorum of 3.
  await page.getByTestId("booking-assembly").click();
  await page.getByTestId("assembly-make").click();
  const rules = page.getByTestId("assembly-rules-form");
  await rules.getByLabel("Every active member").check();
  await rules.getByLabel("Quorum", { exact: true }).fill("3");
  await rules.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved: this booking is a members’ meeting.")).toBeVisible();
  const assembly = new URL(page.url()).pathname;
  await expect(page.getByTestId("quorum-standing")).toHaveText("No quorum");

  // Three members (members before the meeting opens: who votes is counted then) join under their
  // own names, and a guest as an observer.
  const people: Page[] = [];
  for (const name of ["Bea", "Cal", "Dan"]) {
    people.push(await member(browser, name, `${name.toLowerCase()}-${stamp}@example.coop`));
  }
  for (const p of people) {
    await p.goto(assembly);
    await expect(p.getByTestId("assembly-part")).toHaveText("You take part as a voting member, under your own name.");
    await joinAs(p, assembly);
  }
  const guest = await (await browser.newContext()).newPage();
  await joinAs(guest, assembly, "Visitor");
  await expect(guest.getByText("Visitor (observer) joined")).toBeVisible();

  // The chair sees the quorum reached, by itself.
  await expect(page.getByTestId("quorum-standing")).toHaveText("Quorum reached", { timeout: 15_000 });
  await expect(page.getByTestId("quorum-present")).toHaveText("3");

  // Bea closes BBB's tab: the chair sees the quorum lost.
  const meetings = await (await fetch(`${fake}/fake/meetings`)).json();
  const meeting = meetings.find((m: { attendees?: { fullName: string }[] }) =>
    (m.attendees ?? []).some((a) => a.fullName === "Visitor (observer)"),
  );
  const bea = meeting.attendees.find((a: { fullName: string }) => a.fullName === "Bea");
  const left = await fetch(`${fake}/fake/leave?meetingID=${encodeURIComponent(meeting.meetingID)}&userID=${encodeURIComponent(bea.userID)}`, { method: "POST" });
  expect(left.status).toBe(204);
  await expect(page.getByTestId("quorum-standing")).toHaveText("No quorum", { timeout: 15_000 });
  await expect(page.getByTestId("quorum-present")).toHaveText("2");
  await expect(page.getByTestId("quorum-changes")).toContainText("Reached at");
  await expect(page.getByTestId("quorum-changes")).toContainText("Lost at");

  // A reload without waiting shows the same.
  await page.reload();
  await expect(page.getByTestId("quorum-standing")).toHaveText("No quorum");

  // A vote by poll: Cal and Dan answer; the region sends the results when the meeting ends.
  const userId = (name: string) => meeting.attendees.find((a: { fullName: string }) => a.fullName === name).userID;
  const votes = { [userId("Cal")]: "Yes", [userId("Dan")]: "No" };
  const poll = { question: "Adopt the budget?", options: ["Yes", "No", "Abstain"], votes };
  const held = await fetch(`${fake}/fake/poll?meetingID=${encodeURIComponent(meeting.meetingID)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(poll),
  });
  expect(held.status).toBe(204);

  // The chair ends the meeting from the room's page; the minutes show the three voting members
  // with their times, the observer, the quorum's timeline and the poll.
  await page.goto(room);
  await page.getByRole("button", { name: "End meeting for everyone" }).click();
  await expect(page.getByTestId("room-status")).toHaveText("not running");
  // The room's history keeps the meeting: ended, with the most people the region counted at once.
  const past = page.getByTestId("room-history").locator("tbody tr");
  await expect(past).toHaveCount(1);
  await expect(past).not.toContainText("running");
  await page.goto(`${assembly}/minutes`);
  const voting = page.getByTestId("minutes-voting").locator("tbody tr");
  await expect(voting).toHaveCount(3);
  for (const name of ["Bea", "Cal", "Dan"]) {
    // Each present from one time to another: the end closed every interval.
    await expect(voting.filter({ hasText: name })).toContainText(/\d\d:\d\d.* – .*\d\d:\d\d/);
  }
  const observers = page.getByTestId("minutes-observers").locator("tbody tr");
  await expect(observers).toHaveCount(1);
  await expect(observers).toContainText("Visitor (observer)");
  await expect(page.getByTestId("minutes-quorum")).toContainText("Lost at");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("minutes-polls")).toContainText("Adopt the budget?", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const results = page.getByTestId("minutes-polls").locator("tbody tr");
  await expect(results).toHaveText([/Yes\s*1/, /No\s*1/, /Abstain\s*0/]);
});
