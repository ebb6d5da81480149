/** Bulk API 2.0 ingest and query (locator paging), Bulk v1 low-level calls and REST, against the emulator. */
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SalesforceApiError, SalesforceClient, splitCsv, type V2JobInfo } from "../../../lib/salesforce";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
let client: SalesforceClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = new SalesforceClient({ allowedOrigins: [emulator.url], apiVersion: "66.0" });
  await client.loginWithPassword(emulator.demo.username, emulator.demo.password, emulator.demo.securityToken, { loginUrl: emulator.url });
});

afterAll(async () => {
  await emulator?.close();
});

async function waitFor(kind: "ingest" | "query", id: string): Promise<V2JobInfo> {
  for (let i = 0; i < 400; i++) {
    const job = await client.bulkV2.getJob(kind, id);
    if (["JobComplete", "Failed", "Aborted"].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("job did not finish");
}

describe("Bulk API 2.0", () => {
  it("ingests, reports successful, failed and unprocessed results, lists and deletes the job", async () => {
    const job = await client.bulkV2.createIngestJob({ object: "Account", operation: "insert", lineEnding: "LF" });
    expect(job.state).toBe("Open");
    const rows = Array.from({ length: 120 }, (_, i) => (i % 40 === 0 ? `,"no name ${i}"` : `"V2 ${i}","desc, ${i}"`));
    await client.bulkV2.uploadJobData(job.id, `Name,Description\n${rows.join("\n")}\n`);
    expect((await client.bulkV2.closeIngestJob(job.id)).state).toBe("UploadComplete");
    const done = await waitFor("ingest", job.id);
    expect(done).toMatchObject({ state: "JobComplete", numberRecordsProcessed: 120, numberRecordsFailed: 3 });

    const ok = Papa.parse<Record<string, string>>(await (await client.bulkV2.getIngestResults(job.id, "successfulResults")).text(), { header: true, skipEmptyLines: true }).data;
    expect(ok).toHaveLength(117);
    expect(ok[0].sf__Id).toMatch(/^001/);
    const failed = Papa.parse<Record<string, string>>(await (await client.bulkV2.getIngestResults(job.id, "failedResults")).text(), { header: true, skipEmptyLines: true }).data;
    expect(failed.map((row) => row.sf__Error.split(":")[0])).toEqual(["REQUIRED_FIELD_MISSING", "REQUIRED_FIELD_MISSING", "REQUIRED_FIELD_MISSING"]);
    const unprocessed = await (await client.bulkV2.getIngestResults(job.id, "unprocessedrecords")).text();
    expect(unprocessed.trim()).toBe("Name,Description");

    const listed: string[] = [];
    for await (const item of client.bulkV2.listJobs("ingest")) listed.push(item.id);
    expect(listed).toContain(job.id);
    await client.bulkV2.deleteJob("ingest", job.id);
    await expect(client.bulkV2.getJob("ingest", job.id)).rejects.toMatchObject({ errorCode: "NOT_FOUND", status: 404 });
  });

  it("uploads a v2-sized part from the splitter with CRLF line endings, and refuses a second upload", async () => {
    const job = await client.bulkV2.createIngestJob({ object: "Account", operation: "insert", lineEnding: "CRLF" });
    const source = "Name\n" + Array.from({ length: 50 }, (_, i) => `CRLF ${i}`).join("\n");
    const parts = [];
    for await (const part of splitCsv(source, { target: "v2", lineEnding: "CRLF" })) parts.push(part);
    expect(parts).toHaveLength(1);
    await client.bulkV2.uploadJobData(job.id, parts[0].body);
    const second = await client.bulkV2.uploadJobData(job.id, parts[0].body).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(SalesforceApiError);
    await client.bulkV2.closeIngestJob(job.id);
    expect((await waitFor("ingest", job.id)).numberRecordsProcessed).toBe(50);
  });

  it("creates and uploads in one multipart request", async () => {
    const job = await client.bulkV2.createIngestJobWithData({ object: "Account", operation: "insert" }, "Name,Description\nMulti,\"a, b\"\n");
    expect(job.state).toBe("UploadComplete");
    expect((await waitFor("ingest", job.id)).numberRecordsProcessed).toBe(1);
  });

  it("aborts an open ingest job", async () => {
    const job = await client.bulkV2.createIngestJob({ object: "Account", operation: "insert" });
    expect((await client.bulkV2.abortJob("ingest", job.id)).state).toBe("Aborted");
  });

  it("queries with locator paging and maxRecords; every page has the header", async () => {
    const job = await client.bulkV2.createQueryJob("SELECT Id, Name FROM Account WHERE Name LIKE 'V2 %'");
    await waitFor("query", job.id);
    const pages = [];
    for await (const page of client.bulkV2.queryResultPages(job.id, { maxRecords: 50 })) pages.push(page);
    expect(pages.map((p) => p.numberOfRecords)).toEqual([50, 50, 17]);
    expect(pages.at(-1)!.locator).toBeNull();
    const names = pages.flatMap((p) => Papa.parse<Record<string, string>>(p.csv, { header: true, skipEmptyLines: true }).data.map((r) => r.Name));
    expect(new Set(names).size).toBe(117);
    expect(pages.every((p) => p.csv.startsWith('"Id","Name"'))).toBe(true);
    let records = 0;
    for await (const record of client.bulkV2.queryRecords(job.id, { maxRecords: 100 })) {
      expect(record.Name).toMatch(/^V2 /);
      records += 1;
    }
    expect(records).toBe(117);
  });
});

describe("Bulk v1 low-level calls", () => {
  it("creates a job, batch, lists, reads the request back and the result ids", async () => {
    const api = client.bulkV1;
    const job = await api.createJob("insert", "Account", { concurrencyMode: "Serial" });
    expect(job).toMatchObject({ state: "Open", concurrencyMode: "Serial", contentType: "CSV" });
    const batch = await api.createBatch(job.id, "Name\nLowLevel\n");
    expect(await api.getBatchRequest(job.id, batch.id)).toContain("LowLevel");
    await api.uploadTransformationSpec(job.id, "Salesforce Field,Csv Header,Value,Hint\nName,Name,,\n");
    await api.closeJob(job.id);
    let info = await api.getBatch(job.id, batch.id);
    for (let i = 0; i < 200 && info.state !== "Completed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      info = await api.getBatch(job.id, batch.id);
    }
    expect(info.numberRecordsProcessed).toBe(1);
    expect((await api.getJob(job.id)).numberBatchesTotal).toBe(1);
    expect(await api.getBatchResult(job.id, batch.id)).toMatchObject([{ success: true, created: true }]);
  });

  it("PK-chunks a query job into several batches", async () => {
    const api = client.bulkV1;
    const job = await api.createJob("query", "Account", { pkChunking: 50 });
    await api.createBatch(job.id, "SELECT Id FROM Account");
    let batches = await api.listBatches(job.id);
    for (let i = 0; i < 200 && !(batches.length > 1 && batches.every((b) => ["Completed", "NotProcessed", "Failed"].includes(b.state))); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      batches = await api.listBatches(job.id);
    }
    expect(batches.filter((b) => b.state === "NotProcessed")).toHaveLength(1);
    expect(batches.filter((b) => b.state === "Completed").length).toBeGreaterThan(1);
  });
});

describe("REST", () => {
  it("reads versions, describeGlobal, describe, limits and pages through a SOQL query", async () => {
    const versions = await client.rest.versions();
    expect(versions.map((v) => v.version)).toContain("66.0");
    const objects = await client.rest.describeGlobal();
    expect(objects.map((o) => o.name)).toContain("Account");
    const account = await client.rest.describe("Account");
    expect(account.fields.find((f) => f.name === "External_Id__c")).toMatchObject({ externalId: true });
    const limits = await client.rest.limits();
    expect(limits.DailyApiRequests.Max).toBeGreaterThan(0);
    expect(client.lastLimitInfo?.max).toBe(limits.DailyApiRequests.Max);
    // Enough rows for more than one REST page (≤ 2,000 each).
    const job = await client.bulkV2.createIngestJob({ object: "Account", operation: "insert" });
    await client.bulkV2.uploadJobData(job.id, "Name\n" + Array.from({ length: 2100 }, (_, i) => `REST ${i}`).join("\n") + "\n");
    await client.bulkV2.closeIngestJob(job.id);
    await waitFor("ingest", job.id);
    let count = 0;
    for await (const record of client.rest.query<{ Name: string }>("SELECT Id, Name FROM Account")) {
      expect(typeof record.Name).toBe("string");
      count += 1;
    }
    expect(count).toBe(await client.rest.queryCount("SELECT Id FROM Account"));
    expect(count).toBeGreaterThan(2000);
    await expect(client.rest.describe("NoSuchObject__c")).rejects.toMatchObject({ errorCode: "NOT_FOUND" });
  });
});
