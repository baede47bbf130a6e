import { expect, Page, test } from "@playwright/test";
import { hydrated, makeAdmin, signUpAndLogIn } from "./account";
import { linkFromOutbox, mailTo } from "./mail";

// A walk through the portal by what a person reads on the pages: labels, roles and texts. A test
// id only where nothing visible names the thing (the booking's "When" value).
//
// Two parts, in order: a member's week (room, access code, booking, invitation, meeting, guest,
// recordings), then an admin's day (the same member made an admin: accounts, regions, an event,
// a region going down on the status page). Both need the fake BBB servers of the debug build.

// The fake BBB servers (see playwright.config.ts): "Watched region" and "Spare region", the default.
const watched = process.env.QUORUM_E2E_FAKE ?? "";
const spare = process.env.QUORUM_E2E_SPARE ?? "";

const stamp = Date.now();
const mia = { name: "Mia Member", email: `mia-${stamp}@example.coop` };
const ben = { name: "Ben Second", email: `ben-${stamp}@example.coop` };
const guestEmail = `guest-${stamp}@example.org`;
const password = "correct horse battery";
const roomName = `Co-op week ${stamp}`;

function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

async function setMode(fake: string, mode: string) {
  const answer = await fetch(`${fake}/fake/mode`, { method: "POST", body: mode });
  expect(answer.ok).toBeTruthy();
}

async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** On an admin page the header's "Admin" menu starts closed: open, its panel of links would lie over
 *  the page and take the clicks meant for what is under it. */
async function closeAdminMenu(page: Page) {
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Security log" })).toBeHidden();
}

test.describe.serial("a walk by the labels", () => {
  // A step that finds nothing fails in seconds, not at the test's end.
  test.use({ actionTimeout: 10_000, navigationTimeout: 15_000 });
  test.skip(!watched || !spare, "the fake BBB servers are built with the debug build only");

  test("a member's week: a room with a code, a booking, an invitation, a meeting, a guest, recordings", async ({ page, browser }) => {
    await signUpAndLogIn(page, mia.name, mia.email);
    await hydrated(page);

    // A room, in the default region, with an access code for participants.
    await page.getByLabel("New room's name").fill(roomName);
    await page.getByRole("button", { name: "Create room" }).click();
    await expect(page.getByRole("heading", { name: roomName })).toBeVisible();
    const roomUrl = page.url();
    await page.getByRole("link", { name: "Room settings" }).click();
    // The room is in the default region, the spare one (the recording below is added there).
    const region = page.getByRole("combobox", { name: /region/i });
    await expect(region.locator("option:checked")).toHaveText("Spare region");
    await page.getByLabel("Access code for participants").fill("tuesday-7");
    // The page has two forms with a "Save" (the name, the settings): the one with the code.
    const settings = page.locator("form").filter({ has: page.getByLabel("Access code for participants") });
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("The room's settings were saved.")).toBeVisible();
    await page.getByRole("link", { name: "Back to the room" }).click();
    await expect(page.getByRole("heading", { name: roomName })).toBeVisible();

    // Book a meeting for tomorrow from the room's page, with a guest invited.
    await page.getByRole("link", { name: "Book a meeting" }).click();
    await expect(page.getByRole("heading", { name: "Book a meeting" })).toBeVisible();
    await expect(page.getByLabel("Room")).toHaveValue(/.+/);
    await expect(page.getByLabel("Room").locator("option:checked")).toHaveText(roomName);
    await page.getByLabel("Title").fill("Members' check-in");
    await page.getByLabel("Date").fill(tomorrow());
    await page.getByLabel("Start time").fill("14:00");
    await page.getByLabel("Duration (minutes)").fill("45");
    await page.getByLabel("Participants").fill("6");
    await page.getByLabel("Invitees").fill(guestEmail);
    await page.getByRole("button", { name: "Book" }).click();
    await expect(page.getByText("Booked. Your invitees have been sent their invitations.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Members' check-in" })).toBeVisible();
    // The room has a code: the page tells the owner the invitees come in without it.
    await expect(page.getByText(/Your invitees come in without it through the link in their invitation/)).toBeVisible();
    const bookingUrl = page.url().split("?")[0];

    // Move it by an hour and a half: the page says it was saved, and shows the new time.
    await page.getByLabel("Start time").fill("15:30");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
    expect(page.url().split("?")[0]).toBe(bookingUrl);
    await expect(page.getByTestId("booking-when")).toContainText("15:30");
    await expect(page.getByLabel("Start time")).toHaveValue("15:30");

    // The invitation in the outbox links to the room with the guest's pass; the change followed it.
    const invitation = await mailTo(guestEmail, "Subject: Invitation: ");
    const link = invitation.match(/https?:\/\/[^\s"<]*\/r\/[a-z-]+\?invite=[0-9]+\.[0-9a-f]+/)?.[0] ?? "";
    expect(link, "the invitation's room link").not.toBe("");
    expect(new URL(link).pathname).toBe(new URL(roomUrl).pathname);
    expect(invitation).not.toContain("tuesday-7");
    const change = await mailTo(guestEmail, "Subject: Changed: ");
    expect(change).toContain("text/calendar");

    // The owner starts the meeting: the fake BBB client opens, as a moderator.
    await page.goto(roomUrl);
    await hydrated(page);
    await page.getByRole("button", { name: "Start meeting" }).click();
    await expect(page.getByRole("heading", { name: "Fake BigBlueButton" })).toBeVisible();
    await expect(page.getByText(`${mia.name} joined ${roomName} as MODERATOR.`)).toBeVisible();

    // A guest, in a browser of their own, opens the room's link without the pass: the code is asked.
    const guestContext = await browser.newContext();
    try {
      const guest = await guestContext.newPage();
      await guest.goto(new URL(link).pathname);
      await hydrated(guest);
      await expect(guest.getByRole("heading", { name: roomName })).toBeVisible();
      await guest.getByLabel("Your name").fill("Gia Guest");
      await guest.getByLabel("Access code", { exact: true }).fill("monday-1");
      await guest.getByRole("button", { name: "Join meeting" }).click();
      await expect(guest.getByText("This access code is not right.")).toBeVisible();
      await expect(guest.getByLabel("Your name")).toHaveValue("Gia Guest");
      await guest.getByLabel("Access code", { exact: true }).fill("tuesday-7");
      await guest.getByRole("button", { name: "Join meeting" }).click();
      await expect(guest.getByRole("heading", { name: "Fake BigBlueButton" })).toBeVisible();
      await expect(guest.getByText(`Gia Guest joined ${roomName} as VIEWER.`)).toBeVisible();
    } finally {
      await guestContext.close();
    }

    // The room's page: running, and no recordings yet (the meeting recorded nothing).
    await expect(async () => {
      await page.goto(roomUrl);
      await expect(page.getByText("running, 2 participants in the meeting")).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    const recordings = page.locator("section", { has: page.getByRole("heading", { name: "Recordings" }) });
    await expect(recordings.getByText("No recordings.")).toBeVisible();

    // A recording appears on the region (the fake's control address stands in for BBB's processing):
    // the room's page lists it, with a link to watch it.
    const calls: { name: string; query: string }[] = await (await fetch(`${spare}/fake/calls`)).json();
    const created = calls
      .filter((c) => c.name === "create")
      .map((c) => new URLSearchParams(c.query))
      .find((q) => q.get("name") === roomName);
    const meetingId = created?.get("meetingID") ?? "";
    expect(meetingId, "the meeting the portal created on the spare region").not.toBe("");
    const added = await fetch(`${spare}/fake/recordings?meetingID=${encodeURIComponent(meetingId)}&name=Check-in%20recording`, { method: "POST" });
    expect(added.ok).toBeTruthy();
    await expect(async () => {
      await page.reload();
      await expect(recordings.getByText("Check-in recording")).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expect(recordings.getByRole("link", { name: "Watch" })).toBeVisible();
    // The region's recording-ready callback mailed the owner, once.
    await mailTo(mia.email, "Subject: A recording is ready");
    // Every format the region made, with its size; the meeting's statistics for its managers.
    await expect(recordings.getByRole("link", { name: "Video" })).toBeVisible();
    await expect(recordings.getByRole("link", { name: "Audio only" })).toBeVisible();
    await expect(recordings.getByTestId("formats")).toContainText("48.0 MB");
    // The owner changes it on its own page, which says each change is saved.
    await recordings.getByRole("link", { name: "Manage" }).click();
    await expect(page.getByRole("heading", { name: "Check-in recording" })).toBeVisible();
    await page.getByLabel("Description").fill("Agenda item 2 at 00:12");
    await page.getByRole("button", { name: "Describe" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await expect(page.getByTestId("recording-description")).toHaveText("Agenda item 2 at 00:12");

    // Kept for members: the page says plainly that this region cannot protect its links; a visitor
    // opening the portal's link is sent to sign in, while the member is sent on to the player.
    await page.getByLabel("Who sees it").selectOption({ label: "Members: anyone signed in to the co-op" });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByLabel("Who sees it")).toHaveValue("members");
    await expect(page.getByTestId("unprotected")).toContainText("cannot protect its playback links");
    await page.getByRole("link", { name: "Back to the room" }).click();
    const watch = (await recordings.getByRole("link", { name: "Watch" }).getAttribute("href")) ?? "";
    expect(watch).toMatch(/^\/r\/.+\/recordings\/.+\/presentation$/);
    const stranger = await browser.newContext();
    try {
      const visitor = await stranger.newPage();
      await visitor.goto(watch);
      await expect(visitor).toHaveURL(/\/login$/);
    } finally {
      await stranger.close();
    }
    await page.goto(watch);
    await expect(page.getByRole("heading", { name: "Fake player" })).toBeVisible();
  });

  test("an admin's day: accounts, a region's test, an event, a region down and up", async ({ page, browser }) => {
    await logIn(page, mia.email);
    await expect(page).toHaveURL(/\/dashboard/);
    await makeAdmin(page, mia.email, mia.name, "/admin/accounts", "Accounts");

    // Every recording of the co-op, from the index (the room's page read it in the member's week):
    // the check-in recording with its room, owner and size, and the totals.
    await page.goto("/admin/recordings");
    const recording = page.getByTestId("overview").getByRole("row", { name: /Check-in recording/ });
    await expect(recording).toContainText(mia.name);
    await expect(recording).toContainText(/\d+\.\d MB/);
    await expect(page.getByTestId("recordings-total")).toContainText("1 recording,");
    await page.goto("/admin/accounts");

    const mode = page.locator("section", { has: page.getByRole("heading", { name: "Who may sign up" }) });
    const other = await browser.newContext();
    const ben_ = await other.newPage();
    try {
      // New accounts wait for an admin while this rule holds (put back below, whatever happens).
      await closeAdminMenu(page);
      await mode.getByLabel("Anyone, after an administrator approves").check();
      await mode.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("The sign-up rule was saved.")).toBeVisible();

      // A second member signs up, confirms the address, and is told the account waits.
      await ben_.goto("/signup");
      await hydrated(ben_);
      await expect(ben_.getByText("An administrator approves new accounts before they can be used.")).toBeVisible();
      await ben_.getByLabel("Name").fill(ben.name);
      await ben_.getByLabel("Email").fill(ben.email);
      await ben_.getByLabel("Password").fill(password);
      await ben_.getByRole("button", { name: "Create account" }).click();
      await expect(ben_.getByText(/your account waits for that approval/)).toBeVisible();
      await ben_.goto(await linkFromOutbox(ben.email, "/verify?token="));
      await hydrated(ben_);
      await ben_.getByRole("button", { name: "Confirm my address" }).click();
      await expect(ben_.getByText(/Your account now waits for an administrator's approval/)).toBeVisible();
      await logIn(ben_, ben.email);
      await expect(ben_.getByText("Your account is waiting for an administrator's approval.", { exact: false })).toBeVisible();
    } finally {
      await page.goto("/admin/accounts");
      await closeAdminMenu(page);
      await mode.getByLabel("Anyone (open)").check();
      await mode.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("The sign-up rule was saved.")).toBeVisible();
    }

    // The admin finds the account, approves it, suspends it and re-activates it: each says what it did.
    const rowOf = async (email: string) => {
      await page.getByLabel("Search").fill(email);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/q=/);
      return page.getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) });
    };
    let row = await rowOf(ben.email);
    await expect(row).toContainText("Pending approval");
    await row.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("The account was approved; its owner was told by email.")).toBeVisible();
    await mailTo(ben.email, "Subject: Your account was approved");
    row = await rowOf(ben.email);
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: "Suspend" }).click();
    await expect(page.getByText("The account was suspended and logged out everywhere.")).toBeVisible();
    row = await rowOf(ben.email);
    await expect(row).toContainText("Suspended");
    await row.getByRole("button", { name: "Re-activate" }).click();
    await expect(page.getByText("The account was re-activated.")).toBeVisible();

    // Regions: the connection test of the watched region passes.
    await page.goto("/admin/regions");
    await page.getByRole("row", { name: /Watched region/ }).getByRole("button", { name: "Test connection" }).click();
    const tested = page.getByRole("status").filter({ hasText: "Watched region works: the portal reaches it and its secret is right." });
    await expect(tested).toBeVisible();
    await expect(tested.getByRole("listitem")).toHaveText([/^API address: answers/, /^Signed request: accepted/]);

    // Once a co-op has membership tiers (another spec of the same run may have made some), only a
    // tier that allows them books events: the admin adds one and grants it to the second member by
    // hand. (Alone it is the co-op's only tier, so it limits nobody.)
    const tier = `Assemblies ${stamp}`;
    await page.goto("/admin/membership");
    await closeAdminMenu(page);
    const tierForm = page.locator("form").filter({ has: page.getByLabel("Event bookings") });
    await tierForm.getByLabel("Membership level").fill(tier);
    await tierForm.getByLabel("Least contribution a month").fill("1000");
    await tierForm.getByLabel("Currency").fill("EUR");
    await tierForm.getByLabel("Event bookings").check();
    await tierForm.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: new RegExp(tier) })).toBeVisible();
    const grant = page.locator("form").filter({ has: page.getByRole("button", { name: "Grant" }) });
    await grant.getByLabel("Email").fill(ben.email);
    await grant.getByLabel("Membership level").selectOption({ label: tier });
    await grant.getByLabel("Until (date)").fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await grant.getByLabel("Note").fill("Runs the general assembly");
    await grant.getByRole("button", { name: "Grant" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "Runs the general assembly" })).toContainText(tier);

    // An event: the second member books 60 (over the 50 a booking may hold without an admin) in a
    // room on the spare region, which has no capacity limit; it waits for the admin, who approves it.
    await logIn(ben_, ben.email);
    await expect(ben_).toHaveURL(/\/dashboard/);
    await ben_.goto("/membership");
    await expect(ben_.getByText(tier).first()).toBeVisible();
    await ben_.goto("/dashboard");
    await hydrated(ben_);
    await ben_.getByLabel("New room's name").fill(`General assembly ${stamp}`);
    await ben_.getByRole("button", { name: "Create room" }).click();
    await ben_.getByRole("link", { name: "Book a meeting" }).click();
    await ben_.getByLabel("Title").fill("General assembly");
    await ben_.getByLabel("Date").fill(tomorrow());
    await ben_.getByLabel("Start time").fill("18:00");
    await ben_.getByLabel("Duration (minutes)").fill("90");
    await ben_.getByLabel("Participants").fill("60");
    await ben_.getByRole("button", { name: "Book" }).click();
    await expect(ben_.getByText("Requested. An event this size waits for an admin's approval; your invitees get their invitations once it is approved.")).toBeVisible();
    await expect(ben_.getByText("waiting for approval", { exact: true })).toBeVisible();
    const eventUrl = ben_.url().split("?")[0];
    await mailTo(mia.email, "Subject: An event waits for approval: ");

    await page.goto("/admin/schedule");
    const decision = page.locator("form", { hasText: "General assembly" }).filter({ hasText: `Requested by ${ben.name}` });
    await expect(decision).toContainText("60 Participants");
    await decision.getByLabel("Message to the member (optional)").fill("Enjoy the assembly.");
    await decision.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("Approved. The member was told, and the invitees got their invitations.")).toBeVisible();
    await expect(page.locator("form", { hasText: `Requested by ${ben.name}` })).toHaveCount(0);
    await mailTo(ben.email, "Subject: Your event is approved: ");
    await ben_.goto(eventUrl);
    await expect(ben_.getByText("approved", { exact: true })).toBeVisible();
    await expect(ben_.getByText("Enjoy the assembly.")).toBeVisible();
    await other.close();

    // The watched region goes down: the status page says so; then it comes back.
    const status = page.getByRole("row", { name: /Watched region/ });
    await page.goto("/status");
    await expect(async () => {
      await page.reload();
      await expect(status.getByText("Up", { exact: true })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    try {
      await setMode(watched, "down");
      await expect(async () => {
        await page.reload();
        await expect(status.getByText("Down", { exact: true })).toBeVisible({ timeout: 500 });
      }).toPass({ timeout: 15_000 });
    } finally {
      await setMode(watched, "up");
    }
    await expect(async () => {
      await page.reload();
      await expect(status.getByText("Up", { exact: true })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
  });
});
