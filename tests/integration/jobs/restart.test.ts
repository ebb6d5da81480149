/**
 * Exactly-once submission across crashes and racing runners, proven with the emulator's own counts
 * (batches and jobs it really created, records it really holds).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { createRunner, dropAllLeases, orgConnectionPort, type BulkPort, type PortFactory } from "../../../lib/jobs";
import { accountRows, createHarness, FAST, type Harness } from "./harness";

const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c" } };

interface Stats {
  jobs: { v1: number; v2ingest: number };
  v1BatchesSubmitted: number;
}

/** A port that lets `method` reach Salesforce, then dies before the answer is recorded: a crash at the worst moment. */
function crashingAfter(method: keyof BulkPort, times: number): PortFactory {
  let left = times;
  return async (job, notice, settings) => {
    const port = await orgConnectionPort(job, notice, settings);
    const original = port[method] as (...args: unknown[]) => Promise<unknown>;
    return {
      ...port,
      [method]: async (...args: unknown[]) => {
        const result = await original(...args);
        if (left > 0) {
          left -= 1;
          throw new Error(`simulated crash after ${String(method)}`);
        }
        return result;
      },
    };
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("restarts, crashes and racing runners", () => {
  let h: Harness;
  let expectedAccounts = 0;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h?.close());

  it("finishes a v1 job after the loop is stopped mid-way and a new runner takes over", async () => {
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: "v1", batchSize: 300, uploadId: await h.upload(accountRows(3_000, new Set(), "r1"), 1_000), columnMapping: MAPPING });
    const first = h.runner({}, "runner-a");
    first.start();
    await waitFor(async () => (await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } })).submittedRows >= 900);
    await first.stop();
    expect((await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } })).state).toBe("running");
    await dropAllLeases();
    const job = await h.settle(jobId, h.runner({}, "runner-b"));
    expectedAccounts += 3_000;
    expect([job.state, job.processedRows, job.failedRows]).toEqual(["completed", 3_000, 0]);
    expect((await h.emulator.admin<Stats>("GET", "stats")).v1BatchesSubmitted).toBe(10);
    expect(await h.sfCount("Account")).toBe(expectedAccounts);
  });

  it("reconciles a v1 batch Salesforce accepted just before a crash instead of sending it again", async () => {
    const before = await h.emulator.admin<Stats>("GET", "stats");
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: "v1", batchSize: 250, uploadId: await h.upload(accountRows(1_000, new Set(), "r2")), columnMapping: MAPPING });
    const crashing = createRunner({ portFor: crashingAfter("v1CreateBatch", 2), settings: FAST, owner: "crashing" });
    const job = await h.settle(jobId, crashing);
    expectedAccounts += 1_000;
    expect([job.state, job.processedRows]).toEqual(["completed", 1_000]);
    const after = await h.emulator.admin<Stats>("GET", "stats");
    expect(after.v1BatchesSubmitted - before.v1BatchesSubmitted).toBe(4);
    expect(await h.sfCount("Account")).toBe(expectedAccounts);
    const events = await getDb().bulkJobEvent.findMany({ where: { bulkJobId: jobId, type: "reconciled" } });
    expect(events.length).toBe(2);
    expect(events[0].message).toMatch(/not sent again/);
  });

  it.each([
    ["v2CreateIngestJob", "a job created but never recorded is left empty; a new one carries the rows", 2, null],
    ["v2Upload", "a job left Open mid-upload is aborted and its rows go to a new job", 2, /left Open mid-upload/],
    ["v2SetState", "a close that went through is recognised, not repeated", 1, /had gone through/],
  ] as const)("v2: crash after %s: %s", async (method, _title, sfJobs, reconciled) => {
    const before = await h.emulator.admin<Stats>("GET", "stats");
    const jobId = await h.createJob({ object: "Account", operation: "insert", uploadId: await h.upload(accountRows(800, new Set(), `r3${method}`)), columnMapping: MAPPING });
    const job = await h.settle(jobId, createRunner({ portFor: crashingAfter(method, 1), settings: FAST }));
    expectedAccounts += 800;
    expect([job.state, job.processedRows, job.failedRows]).toEqual(["completed", 800, 0]);
    expect(await h.sfCount("Account")).toBe(expectedAccounts);
    expect((await h.emulator.admin<Stats>("GET", "stats")).jobs.v2ingest - before.jobs.v2ingest).toBe(sfJobs);
    const events = await getDb().bulkJobEvent.findMany({ where: { bulkJobId: jobId, type: "reconciled" } });
    if (reconciled) expect(events.map((e) => e.message).join(" ")).toMatch(reconciled);
    else expect(events).toEqual([]);
  });

  it("two runners racing over the same jobs do no double work", async () => {
    const before = await h.emulator.admin<Stats>("GET", "stats");
    const ids = await Promise.all(
      [0, 1, 2, 3].map(async (n) =>
        h.createJob({
          object: "Account",
          operation: "insert",
          api: n % 2 ? "v1" : "v2",
          ...(n % 2 ? { batchSize: 200 } : {}),
          uploadId: await h.upload(accountRows(1_000, new Set(), `race${n}`)),
          columnMapping: MAPPING,
        }),
      ),
    );
    const a = h.runner({ concurrency: 2 }, "race-a");
    const b = h.runner({ concurrency: 2 }, "race-b");
    a.start();
    b.start();
    await waitFor(async () => (await getDb().bulkJob.count({ where: { id: { in: ids }, state: "completed" } })) === 4, 40_000);
    await Promise.all([a.stop(), b.stop()]);
    expectedAccounts += 4_000;
    expect(await h.sfCount("Account")).toBe(expectedAccounts);
    const after = await h.emulator.admin<Stats>("GET", "stats");
    expect(after.v1BatchesSubmitted - before.v1BatchesSubmitted).toBe(10);
    expect(after.jobs.v2ingest - before.jobs.v2ingest).toBe(2);
    const owners = await getDb().bulkJobEvent.groupBy({ by: ["bulkJobId"], where: { bulkJobId: { in: ids }, type: "batch_submitted" }, _count: true });
    expect(owners.map((o) => o._count).sort()).toEqual([1, 1, 5, 5]);
  });
});
