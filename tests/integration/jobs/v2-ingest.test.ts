import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBulkJob, loadResultDownload } from "../../../lib/bulk-jobs/loaders";
import { retryFailedRows } from "../../../lib/bulk-jobs/service";
import { getDb } from "../../../lib/db";
import { accountRows, createHarness, readStream, type Harness } from "./harness";

const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c", NumberOfEmployees: "NumberOfEmployees" } };
const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe("Bulk API 2.0 ingest through the runner", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h?.close());

  it("inserts 3,000 rows as several v2 jobs and merges every row's result back", async () => {
    const bad = new Set([5, 777, 1500, 2999]);
    const uploadId = await h.upload(accountRows(3_000, bad), 700);
    const jobId = await h.createJob({ object: "Account", operation: "insert", uploadId, columnMapping: MAPPING });
    // ~40 KB per v2 job forces the split into several Salesforce jobs.
    const job = await h.settle(jobId, h.runner({ v2MaxBytes: 40_000 }));
    expect(job.state).toBe("completed");
    expect({ processed: job.processedRows, failed: job.failedRows, unprocessed: job.unprocessedRows }).toEqual({ processed: 3_000, failed: 4, unprocessed: 0 });
    expect(await h.sfCount("Account")).toBe(2_996);

    const detail = await loadBulkJob(h.ctx, jobId);
    expect(detail.batches.length).toBeGreaterThan(1);
    expect(detail.batches.every((b) => b.state === "JobComplete" && b.resultsStored)).toBe(true);
    const stats = await h.emulator.admin<{ jobs: { v2ingest: number } }>("GET", "stats");
    expect(stats.jobs.v2ingest).toBe(detail.batches.length);

    const failures = parse(await readStream((await loadResultDownload(h.ctx, jobId, "failures")).body));
    expect(failures[0]).toEqual(["sf__Row", "Name", "External_Id__c", "NumberOfEmployees", "Note", "sf__Id", "sf__Error"]);
    expect(failures.slice(1).map((r) => Number(r[0]))).toEqual([5, 777, 1500, 2999]);
    expect(failures[1][6]).toMatch(/REQUIRED_FIELD_MISSING/);
    expect(failures[2][2]).toBe("acct-777");

    const successes = parse(await readStream((await loadResultDownload(h.ctx, jobId, "successes")).body));
    expect(successes.length - 1).toBe(2_996);
    const row7 = successes.find((r) => r[0] === "7")!;
    expect(row7[1]).toBe("acct 7");
    expect(row7[4]).toBe("'=HYPERLINK(\"x\")"); // the unmapped column comes back, escaped against formula injection
    expect(row7[5]).toMatch(/^001/);
    expect(row7[6]).toBe("true");
    expect(new Set(successes.slice(1).map((r) => r[5])).size).toBe(2_996);
  });

  it("retries exactly the failed rows as a linked child job", async () => {
    const parent = (await getDb().bulkJob.findFirstOrThrow({ where: { parentJobId: null, operation: "insert" } })).id;
    const child = await retryFailedRows(h.ctx, parent);
    expect(child.rows).toBe(4);
    const job = await h.settle(child.id);
    expect(job.parentJobId).toBe(parent);
    expect(job.failedRows).toBe(4);
    expect((await loadBulkJob(h.ctx, parent)).retries.map((r) => r.id)).toEqual([child.id]);
    expect(await h.sfCount("Account")).toBe(2_996);
  });

  it("upserts, updates and deletes by the results of earlier jobs", async () => {
    const upsertRows = [["External_Id__c", "Name"], ["acct-1", "renamed 1"], ["acct-new", "brand new"]];
    const upsert = await h.settle(await h.createJob({ object: "Account", operation: "upsert", externalIdField: "External_Id__c", uploadId: await h.upload(upsertRows) }));
    expect([upsert.state, upsert.processedRows, upsert.failedRows]).toEqual(["completed", 2, 0]);
    expect(await h.sfCount("Account", "fields->>'Name' = 'renamed 1'")).toBe(1);
    expect(await h.sfCount("Account")).toBe(2_997);

    const successes = parse(await readStream((await loadResultDownload(h.ctx, upsert.id, "successes")).body)).slice(1);
    const ids = successes.map((r) => r[3]);
    const update = await h.settle(await h.createJob({ object: "Account", operation: "update", uploadId: await h.upload([["Id", "Name"], [ids[0], "updated"], ["001000000000000AAA", "missing"]]) }));
    expect([update.processedRows, update.failedRows]).toEqual([2, 1]);

    const del = await h.settle(await h.createJob({ object: "Account", operation: "delete", uploadId: await h.upload([["Id"], [ids[0]]]) }));
    expect([del.state, del.failedRows]).toEqual(["completed", 0]);
    const hard = await h.settle(await h.createJob({ object: "Account", operation: "hardDelete", uploadId: await h.upload([["Id"], [ids[1]]]) }));
    expect([hard.state, hard.failedRows]).toEqual(["completed", 0]);
    expect(await h.sfCount("Account")).toBe(2_995);
  });
});
