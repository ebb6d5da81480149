import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBulkJob, loadResultDownload } from "../../../lib/bulk-jobs/loaders";
import { accountRows, createHarness, readStream, type Harness } from "./harness";

const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c", NumberOfEmployees: "NumberOfEmployees" } };
const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe("Bulk API v1 ingest through the runner", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h?.close());

  it("inserts 2,500 rows in batches of the chosen size with per-row results", async () => {
    const bad = new Set([1, 1_001, 2_500]);
    const uploadId = await h.upload(accountRows(2_500, bad, "v1"), 600);
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: "v1", batchSize: 1_000, uploadId, columnMapping: MAPPING });
    const job = await h.settle(jobId);
    expect(job.state).toBe("completed");
    expect([job.processedRows, job.failedRows, job.unprocessedRows]).toEqual([2_500, 3, 0]);
    expect(await h.sfCount("Account")).toBe(2_497);

    const detail = await loadBulkJob(h.ctx, jobId);
    expect(detail.batches.map((b) => [b.firstRow, b.rowCount, b.state])).toEqual([
      [1, 1_000, "Completed"],
      [1_001, 1_000, "Completed"],
      [2_001, 500, "Completed"],
    ]);
    expect(detail.batches[0]).toMatchObject({ numberRecordsProcessed: 1_000, numberRecordsFailed: 1 });
    expect(detail.batches[0].createdDate).toBeInstanceOf(Date);
    const stats = await h.emulator.admin<{ v1BatchesSubmitted: number }>("GET", "stats");
    expect(stats.v1BatchesSubmitted).toBe(3);

    const failures = parse(await readStream((await loadResultDownload(h.ctx, jobId, "failures")).body));
    expect(failures.slice(1).map((r) => r[0])).toEqual(["1", "1001", "2500"]);
    expect(failures[1][6]).toMatch(/REQUIRED_FIELD_MISSING/);
    const unprocessed = parse(await readStream((await loadResultDownload(h.ctx, jobId, "unprocessed")).body));
    expect(unprocessed).toEqual([["sf__Row", "Name", "External_Id__c", "NumberOfEmployees", "Note"]]);
  });

  it("upserts serially, updates and hard-deletes", async () => {
    const upsert = await h.settle(
      await h.createJob({
        object: "Account",
        operation: "upsert",
        api: "v1",
        concurrencyMode: "Serial",
        externalIdField: "External_Id__c",
        uploadId: await h.upload([["External_Id__c", "Name"], ["v1-2", "v1 renamed"], ["v1-x", "v1 new"], ["v1-y", ""]]),
      }),
    );
    expect([upsert.state, upsert.processedRows, upsert.failedRows]).toEqual(["completed", 3, 1]);
    const ids = parse(await readStream((await loadResultDownload(h.ctx, upsert.id, "successes")).body)).slice(1).map((r) => r[3]);
    expect(ids).toHaveLength(2);

    const update = await h.settle(await h.createJob({ object: "Account", operation: "update", api: "v1", uploadId: await h.upload([["Id", "Name"], [ids[0], "v1 updated"]]) }));
    expect([update.state, update.failedRows]).toEqual(["completed", 0]);
    expect(await h.sfCount("Account", "fields->>'Name' = 'v1 updated'")).toBe(1);

    const hard = await h.settle(await h.createJob({ object: "Account", operation: "hardDelete", api: "v1", uploadId: await h.upload([["Id"], ...ids.map((id) => [id])]) }));
    expect([hard.state, hard.processedRows, hard.failedRows]).toEqual(["completed", 2, 0]);
    expect(await h.sfCount("Account")).toBe(2_496);
  });

  it("fails every row of a batch Salesforce refuses as a whole, with its message", async () => {
    const job = await h.settle(await h.createJob({ object: "Account", operation: "insert", api: "v1", uploadId: await h.upload([["Name", "No_Such_Field__c"], ["a", "b"]]) }));
    expect(job.state).toBe("failed");
    expect(job.stateMessage).toMatch(/No_Such_Field__c/);
    const failures = parse(await readStream((await loadResultDownload(h.ctx, job.id, "failures")).body));
    expect(failures[1][4]).toMatch(/No_Such_Field__c/);
  });
});
