import { expect, test } from "@playwright/test";
import { SalesforceClient } from "../../lib/salesforce";
import { connectDemoInstantly, signUp, uniqueEmail } from "./helpers";

/** The demo org's login, as any outside tool (Data Loader, a script) would use it. */
const DEMO = { username: "demo@bulk.example", password: "demo-password", token: "DEMOTOKEN" };

test("a Bulk job made outside the app is listed on the org page, attached, watched to the end, and badged in the history", async ({ page }) => {
  await signUp(page, uniqueEmail("attach"), { teamName: "Attach team" });
  const org = await connectDemoInstantly(page);

  // Outside the app: a v1 job with two batches (one bad row), created straight through the client library.
  const origin = new URL(org.instanceUrl).origin;
  const outside = new SalesforceClient({ allowedOrigins: [origin] });
  await outside.loginWithPassword(DEMO.username, DEMO.password, DEMO.token, { loginUrl: origin });
  const sfJob = await outside.bulkV1.createJob("insert", "Account", { contentType: "CSV" });
  await outside.bulkV1.createBatch(sfJob.id, "Name,Description\nOutside A,a\nOutside B,b\n");
  await outside.bulkV1.createBatch(sfJob.id, "Name,Description\n,no name\nOutside C,c\n");
  await outside.bulkV1.closeJob(sfJob.id);

  await page.goto(`/orgs/${org.id}`);
  const row = page.getByTestId("external-job-row").filter({ hasText: sfJob.id });
  await expect(row).toContainText("v1 (Classic)");
  await expect(row).toContainText("Account");
  await row.getByRole("button", { name: `Attach job ${sfJob.id}` }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/, { timeout: 15_000 });
  const jobId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByText("attached (made outside the app)")).toBeVisible();
  await expect(page.getByTestId("job-state")).toHaveText("Completed", { timeout: 30_000 });
  await expect(page.getByTestId("count-processed")).toHaveText("4");
  await expect(page.getByTestId("count-failed")).toHaveText("1");
  await expect(page.getByTestId("batch-row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Abort" })).toHaveCount(0);
  const failures = await page.request.get(`/api/jobs/${jobId}/results/failures`);
  expect((await failures.text()).trim().split(/\r?\n/)).toHaveLength(2);

  // The org page now links to it instead of offering to attach it again; the history badges it.
  await page.goto(`/orgs/${org.id}`);
  await expect(page.getByTestId("external-job-row").filter({ hasText: sfJob.id }).getByRole("link", { name: "Watched here" })).toHaveAttribute("href", `/jobs/${jobId}`);
  await page.goto("/jobs");
  await expect(page.getByTestId("job-row").first().getByTestId("attached-badge")).toHaveText("attached");
});
