import { Browser, expect, Page, test } from "@playwright/test";
import { hydrated, makeAdmin, signUpAndLogIn } from "./account";

// Issue 34's room, walked by its labels: lock settings, the lobby, recording that starts with the
// meeting, two presentations (one chosen), sharing as moderator and as participant, a speaker's
// guest link; a guest consents to the recording and joins. The fake BBB (the debug build's "Spare region", the rooms' default)
// shows what it was sent.
const spare = process.env.QUORUM_E2E_SPARE ?? "";
const stamp = Date.now();
const owner = { name: "Olga Owner", email: `olga-${stamp}@example.coop` };
const mo = { name: "Mo Moderator", email: `mo-${stamp}@example.coop` };
const pat = { name: "Pat Participant", email: `pat-${stamp}@example.coop` };

async function member(browser: Browser, who: { name: string; email: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signUpAndLogIn(page, who.name, who.email);
  return page;
}

test("an owner sets a room up in depth; a speaker and the members it is shared with join", async ({ page, browser }) => {
  test.skip(!spare, "the fake BBB servers are built with the debug build only");
  test.setTimeout(120_000);
  const moPage = await member(browser, mo);
  const patPage = await member(browser, pat);
  await signUpAndLogIn(page, owner.name, owner.email);
  await hydrated(page);
  await page.getByLabel("New room's name").fill(`Lecture ${stamp}`);
  await page.getByRole("button", { name: "Create room" }).click();
  const roomUrl = page.url();

  // Settings: recording from the start, two locks, guests wait in the lobby.
  await page.getByRole("link", { name: "Room settings" }).click();
  const settings = page.getByTestId("room-settings");
  await settings.getByLabel("Recording allowed").check();
  await settings.getByLabel("Start recording with the meeting").check();
  await settings.getByLabel("No public chat").check();
  await settings.getByLabel("No shared notes").check();
  await settings.getByLabel("Guests wait").check();
  // The room's recordings are for members by default (each can still differ).
  const recordingsDefault = settings.getByRole("group", { name: "Who watches new recordings" });
  await recordingsDefault.getByLabel("Members: anyone signed in to the co-op").check();
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The room's settings were saved.")).toBeVisible();
  await expect(settings.getByLabel("No shared notes")).toBeChecked();
  await expect(settings.getByLabel("Guests wait")).toBeChecked();
  await expect(recordingsDefault.getByLabel("Members: anyone signed in to the co-op")).toBeChecked();

  // Shared as moderator with Mo, as participant with Pat.
  const sharing = page.locator("section", { has: page.getByRole("heading", { name: "Shared with" }) });
  for (const [who, role] of [[mo, "Moderator"], [pat, "Participant"]] as const) {
    await sharing.getByLabel("Share with (their email)").fill(who.email);
    await sharing.getByRole("radio", { name: new RegExp(`^${role}`) }).check();
    await sharing.getByRole("button", { name: "Share" }).click();
    await expect(sharing.getByRole("listitem").filter({ hasText: who.email })).toContainText(role);
  }

  // Two presentations; the second is to be shown first.
  const decks = page.getByTestId("presentations");
  const pdf = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n${"x".repeat(2000)}\n%%EOF\n`);
  for (const name of ["Agenda.pdf", "Budget.pdf"]) {
    await decks.getByLabel("Presentation file").setInputFiles({ name, mimeType: "application/pdf", buffer: pdf(name) });
    await decks.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByText("The presentation is uploaded.")).toBeVisible();
  }
  await decks.getByRole("listitem").filter({ hasText: "Budget.pdf" }).getByRole("button", { name: "Show first" }).click();
  await expect(decks.getByRole("listitem").first()).toContainText("Budget.pdf");
  await expect(decks.getByRole("listitem").first().getByTestId("default-presentation")).toBeVisible();

  // A speaker's link, as moderator.
  const links = page.getByTestId("guest-links");
  await links.getByLabel("Name shown in the meeting").fill("Speaker: Dr. Ada");
  await links.getByRole("radio", { name: "Moderator", exact: true }).check();
  await links.getByRole("button", { name: "Make the link" }).click();
  await expect(page.getByText("The link is made")).toBeVisible();
  const speakerLink = await links.getByLabel("Speaker: Dr. Ada").inputValue();
  expect(speakerLink).toContain("?guest=");

  // The owner starts it: the recorded room asks for consent first.
  await page.goto(roomUrl);
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByText("This meeting may be recorded. Tick the box")).toBeVisible();
  await page.getByLabel("I know this meeting may be recorded").check();
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByTestId("fake-bbb")).toBeVisible();
  await expect(page.getByTestId("locks")).toHaveText("lockSettingsDisableNotes, lockSettingsDisablePublicChat");

  // The speaker: no name, code or account to give; consent, then in as moderator.
  const speaker = await (await browser.newContext()).newPage();
  await speaker.goto(speakerLink);
  await expect(speaker.getByTestId("guest-pass")).toContainText("You join as Speaker: Dr. Ada, as a moderator.");
  await expect(speaker.getByLabel("Your name")).toHaveCount(0);
  await speaker.getByLabel("I know this meeting may be recorded").check();
  await speaker.getByRole("button", { name: "Join meeting" }).click();
  await expect(speaker.getByText("Speaker: Dr. Ada joined")).toBeVisible();
  await expect(speaker.getByTestId("role")).toHaveText("MODERATOR");

  // Mo joins as moderator, Pat as participant straight in; a guest without an account waits.
  for (const [p, role] of [[moPage, "MODERATOR"], [patPage, "VIEWER"]] as const) {
    await p.goto(roomUrl);
    await p.getByLabel("I know this meeting may be recorded").check();
    await p.getByRole("button", { name: "Join meeting" }).click();
    await expect(p.getByTestId("role")).toHaveText(role);
    await expect(p.getByTestId("lobby")).toHaveCount(0);
  }
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(roomUrl);
  await guest.getByLabel("Your name").fill("Gus Guest");
  await guest.getByLabel("I know this meeting may be recorded").check();
  await guest.getByRole("button", { name: "Join meeting" }).click();
  await expect(guest.getByTestId("lobby")).toBeVisible();

  // The region fetched both presentations by their signed addresses, the chosen one current.
  await expect(async () => {
    const fetched: { filename: string; current: boolean; status: number }[] =
      await (await fetch(`${spare}/fake/documents`)).json();
    const mine = fetched.filter((d) => ["Agenda.pdf", "Budget.pdf"].includes(d.filename));
    expect(mine.map((d) => [d.filename, d.current, d.status]).sort()).toEqual([["Agenda.pdf", false, 200], ["Budget.pdf", true, 200]]);
  }).toPass({ timeout: 10_000 });

  // What the region was sent.
  const calls: { name: string; query: string }[] = await (await fetch(`${spare}/fake/calls`)).json();
  const roomId = new URL(speakerLink).pathname;
  const created = calls.filter((c) => c.name === "create").map((c) => new URLSearchParams(c.query));
  const create = created.find((q) => q.get("logoutURL")?.endsWith(roomId));
  expect(create?.get("autoStartRecording")).toBe("true");
  expect(create?.get("lockSettingsDisableNotes")).toBe("true");
  expect(create?.get("lockSettingsDisableCam")).toBe("false");
  expect(create?.get("guestPolicy")).toBe("ASK_MODERATOR");
});

// Room types: an admin makes "Public talk" (one region, at most 30, private chat locked and pinned);
// a member creates a room of it, sees what the type decides, cannot pass it, and starts the room
// with the lock in place.
test("an admin's room type shapes a member's room", async ({ page, browser }) => {
  test.skip(!spare, "the fake BBB servers are built with the debug build only");
  test.setTimeout(90_000);
  const admin = await (await browser.newContext()).newPage();
  const adminEmail = `tia-${stamp}@example.coop`;
  await signUpAndLogIn(admin, "Tia Types", adminEmail);
  await makeAdmin(admin, adminEmail, "Tia Types", "/admin/room-types", "Room types");
  await hydrated(admin);
  const form = admin.getByTestId("room-type-form");
  const typeName = `Public talk ${stamp}`;
  await form.getByLabel("Name", { exact: true }).fill(typeName);
  await form.getByLabel("Regions allowed").fill("nowhere");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByText("There is no region nowhere.")).toBeVisible();
  await form.getByLabel("Regions allowed").fill("spare");
  await form.getByLabel("Largest meeting (participants)").fill("30");
  await form.getByLabel("No private chat").check();
  await form.locator("#f-pin_lock_private_chat").check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByText("Saved")).toBeVisible();
  await expect(admin.getByTestId("room-type-row").filter({ hasText: typeName })).toContainText("At most 30 participants.");

  await signUpAndLogIn(page, "Tom Typed", `tom-${stamp}@example.coop`);
  await hydrated(page);
  await page.getByLabel("New room's name").fill(`Talk ${stamp}`);
  await page.getByLabel("Type of room").selectOption({ label: typeName });
  await page.getByRole("button", { name: "Create room" }).click();
  await page.getByRole("link", { name: "Room settings" }).click();
  await expect(page.getByTestId("room-type")).toContainText(typeName);
  await expect(page.getByTestId("type-rules").first()).toContainText("Set by the type: No private chat");
  const settings = page.getByTestId("room-settings");
  await expect(settings.getByLabel("No private chat")).toBeChecked();
  await expect(settings.getByLabel("No private chat")).toBeDisabled();
  await expect(settings.locator("#f-region option")).toHaveText(["Spare region"]);
  await settings.getByLabel("Most participants").fill("31");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByText("This room's type takes at most 30 participants in one meeting.")).toBeVisible();

  await page.getByTestId("back-to-room").click();
  await page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByTestId("fake-bbb")).toBeVisible();
  await expect(page.getByTestId("locks")).toHaveText("lockSettingsDisablePrivateChat");
});
