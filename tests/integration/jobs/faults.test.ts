/** The emulator injects 5xx answers, dropped connections (before and after processing), lock errors, an expired session and the daily limit. */
import Papa from "papaparse";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadResultDownload } from "../../../lib/bulk-jobs/loaders";
import { getDb } from "../../../lib/db";
import { accountRows, createHarness, readStream, type Harness } from "./harness";

const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c" } };
const API_PATHS = "^/services/(async|data)/";
const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe("faults", () => {
  let h: Harness;
  let accounts = 0;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.emulator.admin("POST", "faults/reset");
  });
  afterAll(() => h?.close());

  async function expectExactlyOnce(jobId: string, rows: number, prefix: string) {
    const successes = parse(await readStream((await loadResultDownload(h.ctx, jobId, "successes")).body)).slice(1);
    const failures = parse(await readStream((await loadResultDownload(h.ctx, jobId, "failures")).body)).slice(1);
    expect(successes.length + failures.length).toBe(rows);
    for (const failure of failures) expect(failure.at(-1)).toMatch(/UNABLE_TO_LOCK_ROW/);
    accounts += successes.length;
    expect(await h.sfCount("Account")).toBe(accounts);
    expect(await h.sfCount("Account", `fields->>'External_Id__c' LIKE '${prefix}-%'`)).toBe(successes.length);
    return { successes: successes.length, failures: failures.length };
  }

  it.each(["v1", "v2"] as const)("%s: 5xx, drops before and after processing and lock errors still give correct results and no duplicates", async (api) => {
    const prefix = `f${api}`;
    const jobId = await h.createJob({ object: "Account", operation: "insert", api, ...(api === "v1" ? { batchSize: 200 } : {}), uploadId: await h.upload(accountRows(1_500, new Set(), prefix)), columnMapping: MAPPING });
    await h.emulator.admin("POST", "faults", { seed: api === "v1" ? 7 : 11, errorRate: 0.15, dropRate: 0.1, dropMode: "after", lockRowRate: 0.02, pathPattern: API_PATHS });
    const runner = h.runner({ v2MaxBytes: 15_000 });
    type FaultStats = { stats: { errors: number; drops: number } };
    // First half: drops after Salesforce processed the request (the ambiguous case); then drops before it.
    while ((await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } })).submittedRows < 600) await runner.runOnce();
    const firstHalf = (await h.emulator.admin<FaultStats>("GET", "faults")).stats;
    await h.emulator.admin("POST", "faults", { dropMode: "before" });
    const job = await h.settle(jobId, runner, 60_000);
    const secondHalf = (await h.emulator.admin<FaultStats>("GET", "faults")).stats;
    expect(job.state).toBe("completed");
    const counts = await expectExactlyOnce(jobId, 1_500, prefix);
    expect(counts.failures).toBeGreaterThan(0);
    expect(job.failedRows).toBe(counts.failures);
    expect(firstHalf.errors + firstHalf.drops + secondHalf.errors + secondHalf.drops).toBeGreaterThan(0);
    expect(await getDb().bulkJobEvent.count({ where: { bulkJobId: jobId, type: { in: ["retry", "create_unconfirmed", "reconciled"] } } })).toBeGreaterThan(0);
  }, 90_000);

  it("refreshes an expired session once and replays the call", async () => {
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: "v1", batchSize: 100, uploadId: await h.upload(accountRows(500, new Set(), "sess")), columnMapping: MAPPING });
    const runner = h.runner();
    await runner.runOnce(); // creates the Salesforce job
    await runner.runOnce(); // first batch
    await h.emulator.admin("POST", "sessions/expire", { username: h.emulator.demo.username });
    const job = await h.settle(jobId, runner);
    expect(job.state).toBe("completed");
    await expectExactlyOnce(jobId, 500, "sess");
    const refreshes = await getDb().bulkJobEvent.count({ where: { bulkJobId: jobId, type: "refresh" } });
    expect(refreshes).toBe(1);
  });

  it("pauses new submissions when Sforce-Limit-Info shows the daily quota nearly used", async () => {
    const jobId = await h.createJob({ object: "Account", operation: "insert", uploadId: await h.upload(accountRows(50, new Set(), "near")), columnMapping: MAPPING });
    // The emulator's org has a large quota; a tiny threshold makes its real header count as "nearly used".
    await h.runner({ quotaPauseAt: 1e-9 }).runOnce();
    const paused = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(paused.state).toBe("paused");
    expect(paused.stateMessage).toMatch(/^Paused: The org has used \d+% of its daily API requests \(\d+ of \d+\); new submissions wait\./);
    await getDb().bulkJob.update({ where: { id: jobId }, data: { nextCheckAt: new Date() } });
    const job = await h.settle(jobId);
    expect([job.state, job.processedRows]).toEqual(["completed", 50]);
    accounts += 50;
  });

  it("pauses on REQUEST_LIMIT_EXCEEDED, says why, and resumes later", async () => {
    const jobId = await h.createJob({ object: "Account", operation: "insert", uploadId: await h.upload(accountRows(300, new Set(), "quota")), columnMapping: MAPPING });
    await h.emulator.admin("POST", "faults", { requestLimitAfter: 0, pathPattern: API_PATHS });
    const runner = h.runner();
    await runner.runOnce();
    const paused = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(paused.state).toBe("paused");
    expect(paused.stateMessage).toMatch(/REQUEST_LIMIT_EXCEEDED.*resumes by itself/);
    expect(paused.nextCheckAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    await h.emulator.admin("POST", "faults/reset");
    await getDb().bulkJob.update({ where: { id: jobId }, data: { nextCheckAt: new Date() } }); // the pause is over
    const job = await h.settle(jobId, runner);
    expect(job.state).toBe("completed");
    await expectExactlyOnce(jobId, 300, "quota");
    expect(await getDb().bulkJobEvent.count({ where: { bulkJobId: jobId, type: "resumed" } })).toBe(1);
  });
});
