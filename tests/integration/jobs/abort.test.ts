import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBulkJobEvents, loadResultDownload } from "../../../lib/bulk-jobs/loaders";
import { abortJob } from "../../../lib/bulk-jobs/service";
import { getDb } from "../../../lib/db";
import { accountRows, createHarness, readStream, type Harness } from "./harness";

const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c" } };
const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe("abort", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ faults: { slowBatchMs: 300 } });
  });
  afterAll(() => h?.close());

  it("ends a job nothing was sent for at once", async () => {
    const jobId = await h.createJob({ object: "Account", operation: "insert", uploadId: await h.upload(accountRows(10)), columnMapping: MAPPING });
    expect(await abortJob(h.ctx, jobId)).toEqual({ state: "aborted" });
    const job = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
    expect([job.state, job.unprocessedRows]).toEqual(["aborted", 10]);
    await expect(abortJob(h.ctx, jobId)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it.each(["v1", "v2"] as const)("%s: stops what was not processed yet, keeps what was, and says so", async (api) => {
    const prefix = `abort${api}`;
    const jobId = await h.createJob({ object: "Account", operation: "insert", api, ...(api === "v1" ? { batchSize: 100 } : {}), uploadId: await h.upload(accountRows(1_000, new Set(), prefix)), columnMapping: MAPPING });
    const runner = h.runner({ v2MaxBytes: 4_000 });
    for (let i = 0; i < 4; i += 1) await runner.runOnce();
    expect(await abortJob(h.ctx, jobId)).toEqual({ state: "aborting" });
    const job = await h.settle(jobId, runner);
    expect(job.state).toBe("aborted");
    expect(job.processedRows + job.unprocessedRows).toBe(1_000);
    expect(job.unprocessedRows).toBeGreaterThan(0);
    const unprocessed = parse(await readStream((await loadResultDownload(h.ctx, jobId, "unprocessed")).body)).slice(1);
    const successes = parse(await readStream((await loadResultDownload(h.ctx, jobId, "successes")).body)).slice(1);
    expect(unprocessed.length).toBe(job.unprocessedRows);
    expect(successes.length).toBe(job.processedRows);
    expect(await h.sfCount("Account", `fields->>'External_Id__c' LIKE '${prefix}-%'`)).toBe(successes.length);
    const types = (await loadBulkJobEvents(h.ctx, jobId)).map((e) => e.type);
    expect(types).toContain("abort_requested");
    expect(types.at(-1)).toBe("aborted");
  });
});
