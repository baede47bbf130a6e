import { expect, test } from "@playwright/test";
import { hydrated, makeAdmin, signUpAndLogIn } from "./account";

// The treasurer's path: tiers defined, an Open Collective export uploaded, its unmatched contributor
// linked to a member, and that member's tier (and what they may do) changing on their own page.
test("an admin imports a CSV, links a contributor, and the member's tier and rooms follow", async ({ browser }) => {
  const stamp = Date.now();
  const memberEmail = `mia-${stamp}@example.coop`;
  const member = await (await browser.newContext()).newPage();
  await signUpAndLogIn(member, "Mia Member", memberEmail);

  const admin = await (await browser.newContext()).newPage();
  const adminEmail = `tess-${stamp}@example.coop`;
  await signUpAndLogIn(admin, "Tess Treasurer", adminEmail);
  await makeAdmin(admin, adminEmail, "Tess Treasurer", "/admin/membership", "Membership tiers");
  for (const [name, monthly, rooms] of [
    [`Free ${stamp}`, "0", "1"],
    [`Supporter ${stamp}`, "10", "5"],
  ]) {
    await admin.goto("/admin/membership");
    await hydrated(admin);
    const form = admin.getByTestId("tier-form");
    await form.getByLabel("Membership level").fill(name);
    await form.getByLabel("Least contribution a month").fill(monthly);
    await form.getByLabel("Currency").fill("EUR");
    await form.getByLabel("Rooms per member").fill(rooms);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByRole("heading", { name: new RegExp(name) })).toBeVisible();
  }

  // On the free tier Mia has one room, and no second.
  await member.goto("/membership");
  await expect(member.getByTestId("tier-name")).toHaveText(`Free ${stamp}`);
  for (const [room, refused] of [["Circle", false], ["Second circle", true]] as const) {
    await member.goto("/dashboard");
    await hydrated(member);
    await member.getByLabel("New room's name").fill(room);
    await member.getByRole("button", { name: "Create room" }).click();
    if (refused) {
      await expect(member.getByRole("alert")).toContainText(`The “Supporter ${stamp}” level allows more.`);
    } else {
      await expect(member.getByTestId("room-name")).toHaveText(room);
    }
  }

  // The export names her Open Collective profile but not her address: she waits to be linked.
  const csv = [
    "datetime,id,type,kind,isRefund,amount,currency,oppositeAccountSlug,oppositeAccountName,orderId,orderFrequency",
    `${new Date().toISOString()},tx-${stamp},CREDIT,CONTRIBUTION,false,12.00,EUR,mia-${stamp},Mia M,${stamp},MONTHLY`,
    `${new Date().toISOString()},fee-${stamp},DEBIT,HOST_FEE,false,-1.20,EUR,host,Host,${stamp},MONTHLY`,
  ].join("\n");
  await admin.goto("/admin/contributions");
  const upload = admin.getByTestId("upload-form");
  await upload.getByLabel("File").setInputFiles({ name: "transactions.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await upload.getByRole("button", { name: "Import" }).click();
  await expect(admin).toHaveURL(/\/admin\/contributions\?import=\d+/);
  await expect(admin.getByTestId("import-report")).toContainText("Added 1, already imported 0, refunds 0, not member money 1, contributors to link 1.");
  await hydrated(admin);
  const link = admin.getByTestId("link-form").filter({ hasText: `mia-${stamp}` });
  await link.getByLabel("Member's email").fill(memberEmail);
  await link.getByRole("button", { name: "Link" }).click();
  await expect(admin.getByTestId("link-form").filter({ hasText: `mia-${stamp}` })).toHaveCount(0);

  // Mia's page now shows the tier her 12.00 EUR a month gives, and the second room is hers to make.
  await member.goto("/membership");
  await expect(member.getByTestId("tier-name")).toHaveText(`Supporter ${stamp}`);
  await expect(member.getByTestId("my-contributions")).toContainText("12.00 EUR");
  await member.goto("/dashboard");
  await hydrated(member);
  await member.getByLabel("New room's name").fill("Second circle");
  await member.getByRole("button", { name: "Create room" }).click();
  await expect(member.getByTestId("room-name")).toHaveText("Second circle");
});
