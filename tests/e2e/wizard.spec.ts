/**
 * The new-job wizard end to end in Chromium against the demo org: a 50,000-row Account CSV with 300 bad rows
 * is auto-mapped, pre-flight flags exactly the bad rows, the job runs with them included, the failures file
 * holds exactly them with Salesforce's errors, the fixed rows go through a second run, and a query job
 * downloads every row back.
 */
import { expect, test, type Download, type Page } from "@playwright/test";
import Papa from "papaparse";
import { connectDemoInstantly, signUp, uniqueEmail } from "./helpers";

const ROWS = 50_000;
const PREFIX = "Wizard Acct";
/** Data row numbers (1-based) and what is wrong with each: 100 of each kind. */
const BAD = new Map<number, "name" | "employees" | "email">();
for (let i = 0; i < 100; i++) {
  BAD.set(137 + i * 487, "name");
  BAD.set(251 + i * 491, "employees");
  BAD.set(389 + i * 493, "email");
}

const HEADER = ["Name", "NumberOfEmployees", "Billing_Email__c", "Note"];

function row(n: number, fixed = false): string[] {
  const kind = fixed ? undefined : BAD.get(n);
  return [
    kind === "name" ? `${PREFIX} ${n} ${"x".repeat(300)}` : `${PREFIX} ${n}`,
    kind === "employees" ? "many" : String(n % 5000),
    kind === "email" ? `billing at acct${n}` : `billing${n}@example.com`,
    `note ${n}`,
  ];
}

const csvOf = (rows: string[][]) => Buffer.from(`${Papa.unparse([HEADER, ...rows], { newline: "\r\n" })}\r\n`);

async function textOf(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function startWizard(page: Page, orgId: string, operation: string) {
  await page.goto("/jobs/new");
  await expect(page.getByRole("heading", { level: 1, name: "New bulk job" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Org connection").selectOption(orgId);
  await page.getByLabel("Operation", { exact: true }).selectOption(operation);
  await page.getByLabel("Search objects").fill("acc");
  await page.getByLabel("Object", { exact: true }).selectOption("Account");
}

async function uploadAndCheck(page: Page, name: string, buffer: Buffer, rows: number) {
  await page.getByRole("button", { name: "Next: file" }).click();
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer });
  await expect(page.getByTestId("scan-rows")).toHaveText(rows.toLocaleString("en-US"), { timeout: 20_000 });
  await expect(page.getByTestId("scan-delimiter")).toHaveText("comma");
  await expect(page.getByTestId("scan-encoding")).toHaveText("UTF-8");
  await expect(page.getByTestId("scan-line-endings")).toHaveText("CRLF");
  await page.getByRole("button", { name: "Next: mapping" }).click();
  // Auto-mapped by API name; the extra column stays unmapped (it is kept for the result files).
  for (const field of ["Name", "NumberOfEmployees", "Billing_Email__c"]) await expect(page.getByLabel(`Field for column ${field}`)).toHaveValue(field);
  await expect(page.getByLabel("Field for column Note")).toHaveValue("");
  await page.getByRole("button", { name: "Next: pre-flight check" }).click();
}

async function runAndOpen(page: Page, records: number, waitForCompletion = true): Promise<string> {
  await page.getByRole("button", { name: "Next: confirm" }).click();
  await expect(page.getByRole("region", { name: "What the job will use" })).toContainText(records.toLocaleString("en-US"));
  await page.getByRole("button", { name: "Run the job" }).click();
  await expect(page).toHaveURL(/\/jobs\/(?!new$)[a-z0-9]+$/, { timeout: 30_000 });
  if (waitForCompletion) await expect(page.getByTestId("job-state")).toHaveText("Completed", { timeout: 90_000 });
  return new URL(page.url()).pathname.split("/").pop()!;
}

test("a 50,000-row file goes through the wizard: pre-flight flags the bad rows, Salesforce refuses exactly them, the fixed rows and a query follow", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, uniqueEmail("wizard"), { teamName: "Wizard team" });
  const org = await connectDemoInstantly(page);
  const all = Array.from({ length: ROWS }, (_, i) => row(i + 1));

  // Steps 1–4: target, file, mapping, pre-flight.
  await startWizard(page, org.id, "insert");
  await uploadAndCheck(page, "accounts.csv", csvOf(all), ROWS);
  await expect(page.getByTestId("preflight-summary")).toHaveText(`300 problems in 300 of ${ROWS.toLocaleString("en-US")} rows.`, { timeout: 30_000 });
  const perColumn = page.getByRole("table", { name: "Problems per column" });
  for (const column of ["Name", "NumberOfEmployees", "Billing_Email__c"]) await expect(perColumn.getByRole("row", { name: column })).toContainText("100");
  const shown = page.getByRole("table", { name: "First 200 problems" }).locator("tbody tr");
  await expect(shown).toHaveCount(200);
  await expect(shown.first().locator("td").first()).toHaveText(String(Math.min(...BAD.keys())));

  // Step 5: run with the bad rows included.
  const jobId = await runAndOpen(page, ROWS);
  await expect(page.getByTestId("count-total")).toHaveText(/^50,?000$/);
  await expect(page.getByTestId("count-failed")).toHaveText("300");

  // The failures file holds exactly the bad rows, with the whole original row and Salesforce's error.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download failures" }).click();
  const failures = Papa.parse<Record<string, string>>((await textOf(await downloading)).trim(), { header: true }).data;
  expect(failures.map((f) => Number(f.sf__Row)).sort((a, b) => a - b)).toEqual([...BAD.keys()].sort((a, b) => a - b));
  const expected = { name: "STRING_TOO_LONG", employees: "INVALID_TYPE_ON_FIELD_IN_RECORD", email: "INVALID_EMAIL_ADDRESS" };
  for (const failure of failures) {
    const n = Number(failure.sf__Row);
    expect(failure.sf__Error).toContain(expected[BAD.get(n)!]);
    expect(failure.Note).toBe(`note ${n}`);
  }
  expect(jobId).toBeTruthy();

  // Fixed, the 300 rows pass pre-flight and Salesforce takes every one.
  const fixed = [...BAD.keys()].sort((a, b) => a - b).map((n) => row(n, true));
  await startWizard(page, org.id, "insert");
  await uploadAndCheck(page, "accounts-fixed.csv", csvOf(fixed), fixed.length);
  await expect(page.getByText("No problems found in 300 rows.")).toBeVisible({ timeout: 20_000 });
  await runAndOpen(page, fixed.length);
  await expect(page.getByTestId("count-processed")).toHaveText("300");
  await expect(page.getByTestId("count-failed")).toHaveText("0");

  // A query job downloads the rows back: all 50,000 names, each once.
  await startWizard(page, org.id, "query");
  await page.getByRole("button", { name: "Next: query" }).click();
  await page.getByLabel("SOQL query").fill(`SELECT Id, Name FROM Account WHERE Name LIKE '${PREFIX} %'`);
  await page.getByLabel("SOQL query").press("Escape");
  await page.getByRole("button", { name: "Run the query" }).click();
  await expect(page).toHaveURL(/\/jobs\/(?!new$)[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("job-state")).toHaveText("Completed", { timeout: 60_000 });
  const queried = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download query results" }).click();
  const names = Papa.parse<Record<string, string>>((await textOf(await queried)).trim(), { header: true }).data.map((r) => r.Name);
  expect(names).toHaveLength(ROWS);
  expect(new Set(names).size).toBe(ROWS);
  expect(names).toContain(`${PREFIX} ${[...BAD.keys()][0]}`);
});

test("hardDelete on production asks for the org's name, and the file step refuses bad input with a clear message", async ({ page }) => {
  await signUp(page, uniqueEmail("wizard-bad"), { teamName: "Wizard bad files" });
  const org = await connectDemoInstantly(page);
  // hardDelete on a production org needs the org's name typed first.
  await startWizard(page, org.id, "hardDelete");
  await expect(page.getByText(`Type the org's name "Demo org" to confirm the hard delete.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Next: file" })).toBeDisabled();
  await page.getByLabel("Type “Demo org” to hard-delete in this production org").fill("Demo org");
  await expect(page.getByRole("button", { name: "Next: file" })).toBeEnabled();

  await page.getByLabel("Operation", { exact: true }).selectOption("insert");
  await page.getByRole("button", { name: "Next: file" }).click();
  const cases: [string, Buffer, RegExp][] = [
    ["empty.csv", Buffer.alloc(0), /The file is empty/],
    ["header.csv", Buffer.from("Name,Phone\n"), /a header but no data rows/],
    ["ragged.csv", Buffer.from("Name,Phone\nA,1\nB\nC,3,4\n"), /2 rows have a different number of values than the header's 2 columns: row 2, row 3/],
    ["quotes.csv", Buffer.from('Name,Phone\n"A,1\nB,2\n'), /never closes: the file has unbalanced quotes/],
    ["binary.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), /binary data/],
    ["utf16.csv", Buffer.from("\ufeffName\nA\n", "utf16le"), /UTF-16/],
  ];
  for (const [name, buffer, message] of cases) {
    await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer });
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByRole("button", { name: "Next: mapping" })).toBeDisabled();
  }
});

test("bad rows can be excluded and downloaded, a mapping saved for the team, and a failed part is sent again", async ({ page }) => {
  await signUp(page, uniqueEmail("wizard-exclude"), { teamName: "Wizard exclude" });
  const org = await connectDemoInstantly(page);
  const rows = Array.from({ length: 20 }, (_, i) => [`Excluded Acct ${i + 1}`, i === 4 || i === 11 ? "lots" : String(i), `x${i}@example.com`, `note ${i + 1}`]);
  await startWizard(page, org.id, "insert");
  await uploadAndCheck(page, "small.csv", csvOf(rows), rows.length);
  await expect(page.getByTestId("preflight-summary")).toHaveText("2 problems in 2 of 20 rows.");

  // Back to the mapping: send Note as the description, and save that mapping for the team (the owner may).
  await page.getByRole("button", { name: "Back to mapping" }).click();
  await page.getByLabel("Field for column Note").fill("Description");
  await page.getByLabel("Save the current mapping as").fill("Accounts with notes");
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Saved “Accounts with notes” for Account; the whole team can use it.")).toBeVisible();
  await expect(page.getByLabel("Saved mapping", { exact: true })).toContainText("Accounts with notes");
  await page.getByRole("button", { name: "Next: pre-flight check" }).click();

  await page.getByLabel(/Exclude the 2 rows with problems/).check();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the 2 excluded rows" }).click();
  const excluded = await downloading;
  expect(excluded.suggestedFilename()).toBe("small-excluded.csv");
  const lines = Papa.parse<string[]>((await textOf(excluded)).trim()).data;
  expect(lines[0]).toEqual([...HEADER, "Problem"]);
  expect(lines.slice(1).map((l) => l[0])).toEqual(["Excluded Acct 5", "Excluded Acct 12"]);
  expect(lines[1][4]).toMatch(/^NumberOfEmployees: /);

  // The first try of part 1 fails with a 503; the worker sends it again and the job starts.
  let refused = 0;
  await page.context().route("**/api/uploads/*/parts/1", async (route) => {
    if (refused++ === 0) await route.fulfill({ status: 503, contentType: "application/json", body: '{"error":{"code":"INTERNAL","message":"down"}}' });
    else await route.continue();
  });
  // The job exists with the 18 good rows (the first test already follows a job to the end).
  await runAndOpen(page, 18, false);
  expect(refused).toBe(2);
  await expect(page.getByTestId("count-total")).toHaveText("18");
});
