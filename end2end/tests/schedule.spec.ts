import { expect, test } from "@playwright/test";
import { signUpAndLogIn } from "./account";
import { mailTo } from "./mail";
import { roomOnWatchedRegion } from "./room";

// The "Watched region" (see playwright.config.ts) holds 10 participants at once, all bookable.
const fake = process.env.QUORUM_E2E_FAKE ?? "";

function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

test("a member books a meeting, is refused when the region is full, and takes a suggested time", async ({ page }) => {
  test.skip(!fake, "the region with a capacity is served by the fake BBB server of the debug build");
  const stamp = Date.now();
  const guest = `guest-${stamp}@example.org`;
  await signUpAndLogIn(page, "Bea Booker", `bea-${stamp}@example.coop`);
  await roomOnWatchedRegion(page, "Assembly");

  // Book from the room's page: eight of the region's ten seats, with a guest invited.
  await page.getByTestId("room-book").click();
  const form = page.getByTestId("booking-form");
  await form.getByLabel("Title").fill("Board meeting");
  await form.getByLabel("Date").fill(tomorrow());
  await form.getByLabel("Start time").fill("10:00");
  await form.getByLabel("Duration (minutes)").fill("60");
  await form.getByLabel("Participants").fill("8");
  await form.getByLabel("Invitees").fill(guest);
  await form.getByRole("button", { name: "Book" }).click();
  await expect(page.getByText("Booked. Your invitees have been sent their invitations.")).toBeVisible();
  await expect(page.getByTestId("booking-title")).toHaveText("Board meeting");

  // The invitation, with its calendar file, is in the outbox.
  const invitation = await mailTo(guest, "Invitation: ");
  expect(invitation).toContain("text/calendar");
  expect(invitation).toContain("invite.ics");

  // Five more at the same time do not fit: the form says so next to the date, and offers times.
  await page.goto("/schedule/new");
  const again = page.getByTestId("booking-form");
  await again.getByLabel("Room").selectOption({ label: "Assembly" });
  await again.getByLabel("Title").fill("Working group");
  await again.getByLabel("Date").fill(tomorrow());
  await again.getByLabel("Start time").fill("10:30");
  await again.getByLabel("Duration (minutes)").fill("30");
  await again.getByLabel("Participants").fill("5");
  await again.getByRole("button", { name: "Book" }).click();
  await expect(page.getByText(/The region is fully booked then/)).toBeVisible();
  await expect(page.getByTestId("booking-form").getByLabel("Title")).toHaveValue("Working group");
  const offers = page.getByTestId("alternatives");
  await expect(offers).toBeVisible();
  await offers.getByTestId("take-offer").first().click();
  await expect(page.getByText("Booked.", { exact: true })).toBeVisible();
  await expect(page.getByTestId("booking-title")).toHaveText("Working group");

  // Both appear on the schedule and on the room's page.
  await page.goto("/schedule");
  await expect(page.getByTestId("upcoming")).toContainText("Board meeting");
  await expect(page.getByTestId("upcoming")).toContainText("Working group");
  await expect(page.getByTestId("feed-url")).toContainText("/cal/");
});
