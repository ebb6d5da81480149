import jsforce from "jsforce";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadResultDownload } from "../../../lib/bulk-jobs/loaders";
import type { ColumnMapping } from "../../../lib/jobs/projection";
import { autoMap, createValidator, externalIdFields, toObjectInfo } from "../../../lib/preflight";
import { createHarness, readStream, type Harness } from "../jobs/harness";

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await createHarness();
  const conn = new jsforce.Connection({ loginUrl: h.emulator.url, version: "62.0" });
  await conn.login(h.emulator.demo.username, h.emulator.demo.password + h.emulator.demo.securityToken);
  token = conn.accessToken!;
});
afterAll(() => h?.close());

const getJson = async (path: string) => {
  const response = await fetch(`${h.emulator.url}/services/data/v62.0${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return response.json() as Promise<unknown>;
};

describe("toObjectInfo on the emulator's describe over HTTP", () => {
  it("parses every object the emulator lists", async () => {
    const global = (await getJson("/sobjects")) as { sobjects: { name: string }[] };
    expect(global.sobjects.length).toBeGreaterThan(5);
    for (const { name } of global.sobjects) {
      const info = toObjectInfo(await getJson(`/sobjects/${name}/describe`));
      expect(info.name).toBe(name);
      expect(info.fields.find((f) => f.name === "Id")).toMatchObject({ type: "id", createable: false, idLookup: true });
    }
  });

  it("gives the wizard what it needs for Account: keys, required fields and mapping", async () => {
    const account = toObjectInfo(await getJson("/sobjects/Account/describe"));
    expect(externalIdFields(account).map((f) => f.name)).toEqual(["Id", "External_Id__c"]);
    const headers = ["Account Name", "External_Id__c", "Parent.External_Id__c", "employees", "Unrelated"];
    const mapping = autoMap(headers, account, "insert");
    expect(mapping).toEqual({ "Account Name": "Name", External_Id__c: "External_Id__c", "Parent.External_Id__c": "Parent.External_Id__c", employees: "NumberOfEmployees" });
    const validator = createValidator({ object: account, operation: "insert", headers, mapping: { columns: mapping } });
    expect(validator.check(1, ["Acme", "A-1", "", "12", "x"])).toEqual([]);
    expect(validator.check(2, ["", "A-1", "", "1.5", "x"]).map((p) => p.field)).toEqual(["Name", "NumberOfEmployees"]);
    expect(validator.finish().map((p) => [p.row, p.field])).toEqual([[2, "External_Id__c"]]);
  });

  it("refuses the emulator's NOT_FOUND answer with a clear message", async () => {
    const missing = await getJson("/sobjects/Nope__c/describe");
    expect(missing).toEqual([{ message: "The requested resource does not exist", errorCode: "NOT_FOUND" }]);
    expect(() => toObjectInfo(missing)).toThrow(/^Not an sObject describe: \(top level\)/);
  });
});

describe("date columns through the runner", () => {
  it("flags the bad date before the run, converts the good ones, and Salesforce fails only the bad row", async () => {
    const invoice = toObjectInfo(await getJson("/sobjects/Invoice__c/describe"));
    const rows = [
      ["Invoice", "Issued", "Sent at (New York)"],
      ["INV-1", "31/03/2024", "3/10/2024 2:30 AM"],
      ["INV-2", "1/1/2024", "11/3/2024 1:30 AM"],
      ["INV-3", "31/02/2024", ""],
    ];
    // A datetime column into a text field shows the converted value exactly as Salesforce got it.
    const mapping: ColumnMapping = {
      columns: { Invoice: "Name", Issued: "Invoice_Date__c", "Sent at (New York)": "Notes__c" },
      dates: { Issued: { kind: "date", format: "dmy" }, "Sent at (New York)": { kind: "datetime", format: "mdy", timeZone: "America/New_York" } },
    };
    const validator = createValidator({ object: invoice, operation: "insert", headers: rows[0], mapping });
    const problems = [...rows.slice(1).flatMap((values, i) => validator.check(i + 1, values)), ...validator.finish()];
    expect(problems).toEqual([
      { row: 3, column: "Issued", field: "Invoice_Date__c", message: '"31/02/2024" is not a date in DD/MM/YYYY (Invoice Date is a date field)' },
    ]);

    const jobId = await h.createJob({ object: "Invoice__c", operation: "insert", api: "v2", uploadId: await h.upload(rows), columnMapping: mapping });
    const job = await h.settle(jobId);
    expect([job.state, job.processedRows, job.failedRows]).toEqual(["completed", 3, 1]);
    const stored = (date: string, notes: string) => h.sfCount("Invoice__c", `fields->>'Invoice_Date__c' = '${date}' AND fields->>'Notes__c' = '${notes}'`);
    expect(await stored("2024-03-31", "2024-03-10T07:30:00.000Z")).toBe(1); // 02:30 does not exist that night: 03:30 EDT
    expect(await stored("2024-01-01", "2024-11-03T05:30:00.000Z")).toBe(1); // 01:30 happens twice: the first, EDT
    const failures = Papa.parse<string[]>(await readStream((await loadResultDownload(h.ctx, jobId, "failures")).body), { skipEmptyLines: true }).data;
    expect(failures.slice(1).map((r) => r.slice(0, 3))).toEqual([["3", "INV-3", "31/02/2024"]]);
    expect(failures[1].join(" ")).toMatch(/Invoice Date/);
  });
});
