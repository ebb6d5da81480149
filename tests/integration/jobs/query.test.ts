import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBulkJob, loadResultDownload } from "../../../lib/bulk-jobs/loaders";
import { accountRows, createHarness, readStream, type Harness } from "./harness";

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe("query jobs", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const uploadId = await h.upload(accountRows(1_200), 1_200);
    const load = await h.settle(await h.createJob({ object: "Account", operation: "insert", uploadId, columnMapping: { columns: { Name: "Name", External_Id__c: "External_Id__c" } } }));
    expect(load.processedRows).toBe(1_200);
  }, 60_000);
  afterAll(() => h?.close());

  it("downloads a Bulk API 2.0 query's rows as one CSV", async () => {
    const job = await h.settle(await h.createJob({ object: "Account", operation: "query", soql: "SELECT Id, Name, External_Id__c FROM Account" }));
    expect(job.state).toBe("completed");
    expect(job.processedRows).toBe(1_200);
    const download = await loadResultDownload(h.ctx, job.id, "query");
    expect(download.fileName).toBe(`Account-query-${job.id}-results.csv`);
    const rows = parse(await readStream(download.body));
    expect(rows[0]).toEqual(["Id", "Name", "External_Id__c"]);
    expect(rows.length - 1).toBe(1_200);
    expect(new Set(rows.slice(1).map((r) => r[2])).size).toBe(1_200);
  });

  it("downloads a v1 PK-chunked query's chunks as one CSV with one header", async () => {
    const job = await h.settle(await h.createJob({ object: "Account", operation: "query", api: "v1", pkChunking: true, pkChunkSize: 500, soql: "SELECT Id, Name FROM Account" }));
    expect(job.state).toBe("completed");
    const detail = await loadBulkJob(h.ctx, job.id);
    expect(detail.batches.length).toBeGreaterThan(2);
    expect(detail.batches.some((b) => b.state === "NotProcessed")).toBe(true);
    const rows = parse(await readStream((await loadResultDownload(h.ctx, job.id, "query")).body));
    expect(rows[0]).toEqual(["Id", "Name"]);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(1_200);
    expect(rows.length - 1).toBe(1_200);
  });

  it("fails a query Salesforce cannot parse with its message", async () => {
    const job = await h.settle(await h.createJob({ object: "Account", operation: "query", soql: "SELEKT Id FROM Account" }));
    expect(job.state).toBe("failed");
    expect(job.stateMessage).toBeTruthy();
  });

  it("cuts query results into files of N rows, each with the header, across result pages", async () => {
    const job = await h.settle(await h.createJob({ object: "Account", operation: "query", api: "v1", pkChunking: true, pkChunkSize: 500, soql: "SELECT Id, Name FROM Account" }));
    expect(job.processedRows).toBe(1_200);
    const whole = parse(await readStream((await loadResultDownload(h.ctx, job.id, "query")).body)).slice(1);
    const parts = [];
    for (const part of ["1", "2", "3"]) {
      const download = await loadResultDownload(h.ctx, job.id, "query", undefined, { rowsPerFile: "450", part });
      expect(download.fileName).toBe(`Account-query-${job.id}-results-part${part}of3.csv`);
      const rows = parse(await readStream(download.body));
      expect(rows[0]).toEqual(["Id", "Name"]);
      parts.push(rows.slice(1));
    }
    expect(parts.map((rows) => rows.length)).toEqual([450, 450, 300]);
    expect(parts.flat()).toEqual(whole);
    await expect(loadResultDownload(h.ctx, job.id, "query", undefined, { rowsPerFile: "450", part: "4" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(loadResultDownload(h.ctx, job.id, "query", undefined, { rowsPerFile: "0", part: "1" })).rejects.toThrow();
  });
});
