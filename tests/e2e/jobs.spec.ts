import { expect, test } from "@playwright/test";
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

test("an insert job started from the form runs live on the job page, its failures download holds exactly the bad rows, and it is in the history", async ({ page }) => {
  await signUp(page, uniqueEmail("jobs"), { teamName: "Jobs team" });
  const org = await connectDemoInstantly(page);
  const rows = accountRows();

  // The new-job form: the browser splits the file into parts, uploads them, creates the job and opens its page.
  await page.goto("/jobs");
  await page.getByRole("link", { name: "New job" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New bulk job" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Org connection").selectOption(org.id);
  await page.getByLabel("Object", { exact: true }).fill("Account");
  await page.getByLabel("Operation").selectOption("insert");
  await page.getByLabel("API", { exact: true }).selectOption("v2");
  const csv = `Name,Description\n${Papa.unparse(rows, { newline: "\n" })}\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "accounts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Start job" }).click();
  await expect(page).toHaveURL(/\/jobs\/(?!new$)[a-z0-9]+$/, { timeout: 15_000 });
  const jobId = new URL(page.url()).pathname.split("/").pop()!;

  // The job page updates itself (no reload) until Completed, with the right counts.
  await expect(page.getByRole("heading", { level: 1, name: "Account · insert" })).toBeVisible();
  await expect(page.getByTestId("job-state")).toHaveText("Completed", { timeout: 30_000 });
  await expect(page.getByTestId("count-total")).toHaveText(String(rows.length));
  await expect(page.getByTestId("count-processed")).toHaveText(String(rows.length));
  await expect(page.getByTestId("count-failed")).toHaveText(String(BAD_ROWS.length));
  await expect(page.getByRole("progressbar", { name: "Rows processed" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("batch-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Abort" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Retry failed rows" })).toBeVisible();

  // The failures file: exactly the bad rows, each with Salesforce's error.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download failures" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`Account-insert-${jobId}-failures.csv`);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString("utf8").trim().split(/\r?\n/);
  expect(lines).toHaveLength(1 + BAD_ROWS.length);
  for (const [index, rowIndex] of BAD_ROWS.entries()) {
    expect(lines[index + 1]).toContain(`Too long ${rowIndex} `);
    expect(lines[index + 1]).toContain("STRING_TOO_LONG");
  }

  // The history lists it, and its filters narrow it down.
  await page.getByRole("navigation", { name: "Jobs" }).getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bulk jobs" })).toBeVisible();
  const row = page.getByTestId("job-row").first();
  await expect(row).toContainText("Account");
  await expect(row).toContainText("Completed");
  await expect(row).toContainText(String(rows.length));
  await page.goto("/jobs?state=failed");
  await expect(page.getByText("No jobs match.")).toBeVisible();
  await page.goto("/jobs?state=completed&operation=insert&object=account");
  await expect(page.getByTestId("job-row")).toHaveCount(1);
});
