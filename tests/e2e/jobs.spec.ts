import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { connectDemoInstantly, signUp, uniqueEmail } from "./helpers";

const GOOD_ROWS = 197;
const BAD_ROWS = [20, 101, 180];

/** ~200 Account rows; a few with a Name over Account.Name's 255 characters, which Salesforce refuses. */
function accountRows(): string[][] {
  return Array.from({ length: GOOD_ROWS + BAD_ROWS.length }, (_, index) => {
    const name = BAD_ROWS.includes(index) ? `Too long ${index} ${"x".repeat(300)}` : `E2E Account ${index}`;
    return [name, `Row ${index}`];
  });
}

/** Through the API, as the wizard does (its own spec covers the wizard's screens): upload, complete, create. */
async function createJobThroughApi(page: Page, orgConnectionId: string, rows: string[][]): Promise<string> {
  const upload = await page.request.post("/api/uploads", { data: { fileName: "accounts.csv", columns: ["Name", "Description"] } });
  expect(upload.status()).toBe(201);
  const { id: uploadId } = (await upload.json()) as { id: string };
  const part = await page.request.put(`/api/uploads/${uploadId}/parts/1`, { headers: { "content-type": "text/csv" }, data: `${Papa.unparse(rows, { newline: "\n" })}\n` });
  expect(part.status()).toBe(201);
  expect((await page.request.post(`/api/uploads/${uploadId}/complete`, { data: { partCount: 1, rowCount: rows.length } })).status()).toBe(200);
  const job = await page.request.post("/api/jobs", { data: { orgConnectionId, object: "Account", operation: "insert", api: "v2", uploadId } });
  expect(job.status()).toBe(201);
  return ((await job.json()) as { id: string }).id;
}

test("an insert job runs live on its page with throughput and charts, its failures download holds exactly the bad rows, and history and audit show it", async ({ page }) => {
  await signUp(page, uniqueEmail("jobs"), { teamName: "Jobs team" });
  const org = await connectDemoInstantly(page);
  const rows = accountRows();
  const jobId = await createJobThroughApi(page, org.id, rows);

  // The job page updates itself (no reload) until Completed, with the right counts.
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Account · insert" })).toBeVisible();
  await expect(page.getByTestId("job-state")).toHaveText("Completed", { timeout: 30_000 });
  await expect(page.getByTestId("count-total")).toHaveText(String(rows.length));
  await expect(page.getByTestId("count-processed")).toHaveText(String(rows.length));
  await expect(page.getByTestId("count-failed")).toHaveText(String(BAD_ROWS.length));
  await expect(page.getByTestId("count-remaining")).toHaveText("0");
  await expect(page.getByRole("progressbar", { name: "Rows processed" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("throughput")).toHaveText(/^[\d,.]+ records\/s$/);
  await expect(page.getByTestId("eta")).toHaveCount(0); // finished: no ETA
  await expect(page.getByTestId("batch-row").first()).toBeVisible();
  await expect(page.getByTestId("sf-job-summary")).toContainText("JobComplete");
  await expect(page.getByTestId("batch-time-chart").locator("svg rect")).toHaveCount(1);
  await expect(page.getByTestId("batch-time-chart")).toContainText("1 Salesforce jobs: processing time");
  await expect(page.getByTestId("outcome-chart")).toContainText(`${GOOD_ROWS} succeeded (99%), ${BAD_ROWS.length} failed (2%), 0 not processed (0%).`);
  await expect(page.getByRole("button", { name: "Abort" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Retry failed rows" })).toBeVisible();

  // The failures file: exactly the bad rows, each with Salesforce's error.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download failures" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`Account-insert-${jobId}-failures.csv`);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString("utf8").trim().split(/\r?\n/);
  expect(lines).toHaveLength(1 + BAD_ROWS.length);
  for (const [index, rowIndex] of BAD_ROWS.entries()) {
    expect(lines[index + 1]).toContain(`Too long ${rowIndex} `);
    expect(lines[index + 1]).toContain("STRING_TOO_LONG");
  }

  // The history lists it, and its filters (kept in the query string) narrow it down.
  await page.getByRole("navigation", { name: "Jobs" }).getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bulk jobs" })).toBeVisible();
  const row = page.getByTestId("job-row").first();
  await expect(row).toContainText("Account");
  await expect(row).toContainText("Completed");
  await expect(row).toContainText(String(rows.length));
  await page.getByLabel("Search").fill("accounts.csv");
  await page.getByLabel("Org").selectOption(org.id);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/search=accounts\.csv/);
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await page.goto("/jobs?state=failed");
  await expect(page.getByText("No jobs match.")).toBeVisible();
  await page.goto("/jobs?state=completed&operation=insert&object=account&from=2000-01-01");
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await page.goto("/jobs?to=2000-01-01");
  await expect(page.getByText("No jobs match.")).toBeVisible();

  // The audit log shows who created the job and who downloaded its failures.
  await page.goto("/audit");
  await expect(page.getByRole("row").filter({ hasText: "Job created" }).filter({ hasText: "accounts.csv" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "Results downloaded" }).filter({ hasText: `Account-insert-${jobId}-failures.csv` })).toHaveCount(1);
});
