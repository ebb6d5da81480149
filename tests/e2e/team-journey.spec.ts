import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

test("a team signs up, connects the demo org over OAuth, invites a viewer and promotes them live", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("owner");
  const viewer = uniqueEmail("viewer");

  // Sign up: the first sign-up creates a team with this person as owner.
  await signUp(page, owner, { teamName: "Data Ops" });
  await expect(page.getByRole("banner")).toContainText("Data Ops");
  await expect(page.getByTestId("current-user")).toContainText("owner");

  // Connect the demo org through the OAuth web-server flow and the emulator's consent page.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Connect demo org with OAuth" }).click();
  await expect(page.getByRole("heading", { name: "Log in to the Salesforce emulator" })).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue("demo@bulk.example");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Log in and allow" }).click();
  await expect(page).toHaveURL(/\/orgs\?connected=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Org connected." })).toBeVisible();
  const card = page.getByRole("article").filter({ hasText: "Demo org" });
  await expect(card).toContainText("demo@bulk.example");
  await expect(card).toContainText("Production");
  await expect(card).toContainText("OAuth 2.0");

  // Test the connection: the daily API usage comes from /limits.
  await card.getByRole("button", { name: "Test connection Demo org" }).click();
  await expect(card.getByRole("status")).toContainText(/Connected\. [\d,]+ of [\d,]+ daily API requests left\./);
  await expect(card).toContainText(/of [\d,]+ requests/);
  const { connections } = (await (await page.request.get("/api/orgs")).json()) as { connections: { id: string; label: string }[] };
  const orgId = connections.find((c) => c.label === "Demo org")!.id;
  await page.screenshot({ path: testInfo.outputPath("orgs-owner.png"), fullPage: true });

  // Invite a second person as viewer.
  await page.getByRole("link", { name: "Team" }).click();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const inviteLink = await page.getByLabel("Invite link").inputValue();
  expect(inviteLink).toMatch(/\/invite\/[\w-]{40,}$/);

  // The viewer accepts in their own browser, signs up and sees the org, but cannot manage it.
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto(inviteLink);
  await expect(viewerPage.getByRole("heading", { name: "Join Data Ops" })).toBeVisible();
  await viewerPage.getByRole("link", { name: "Create an account and join" }).click();
  await signUp(viewerPage, viewer, { viaInvite: true });
  await expect(viewerPage.getByTestId("current-user")).toContainText("viewer");
  const viewerCard = viewerPage.getByRole("article").filter({ hasText: "Demo org" });
  await expect(viewerCard).toContainText("demo@bulk.example");
  await expect(viewerPage.getByRole("heading", { name: "Connect an org" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /Disconnect/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /Test connection/ })).toHaveCount(0);
  await expect(viewerPage.getByText("Only admins and owners connect or disconnect orgs. You are a viewer.")).toBeVisible();
  // The API refuses the same things, whatever the page shows.
  expect((await viewerPage.request.delete(`/api/orgs/${orgId}`)).status()).toBe(403);
  expect((await viewerPage.request.post(`/api/orgs/${orgId}/test`)).status()).toBe(403);
  expect((await viewerPage.request.get(`/api/orgs/${orgId}`)).status()).toBe(200);
  await viewerPage.screenshot({ path: testInfo.outputPath("orgs-viewer.png"), fullPage: true });

  // The owner makes the viewer a member; the change applies on the viewer's next request, no new sign-in.
  await page.reload();
  await page.waitForLoadState("networkidle");
  const row = page.getByTestId(`member-${viewer}`);
  await row.getByLabel(`Role of ${viewer}`, { exact: true }).selectOption("member");
  await row.getByRole("button", { name: `Save role of ${viewer}` }).click();
  await expect(row.getByRole("status")).toContainText(`${viewer} is now member.`);

  await viewerPage.reload();
  await expect(viewerPage.getByTestId("current-user")).toContainText("member");
  await expect(viewerPage.getByRole("button", { name: "Test connection Demo org" })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: /Disconnect/ })).toHaveCount(0);
  expect((await viewerPage.request.post(`/api/orgs/${orgId}/test`)).status()).toBe(200);
  expect((await viewerPage.request.delete(`/api/orgs/${orgId}`)).status()).toBe(403);

  // The owner sees all of it in the audit log.
  await page.goto("/audit");
  for (const event of ["Org connected", "Org connection tested", "Invite created", "Invite accepted", "Role changed", "Signed up"]) {
    await expect(page.getByRole("cell", { name: event, exact: true }).first()).toBeVisible();
  }
  // The same pages work on a phone: nothing wider than the screen.
  await viewerPage.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/orgs", "/team"]) {
    await viewerPage.goto(path);
    const overflow = await viewerPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await viewerPage.screenshot({ path: testInfo.outputPath("team-phone.png"), fullPage: true });
  await viewerContext.close();
});
