/**
 * Graceful shutdown: a stopping runner finishes or releases the step in hand, so another runner takes
 * the job at once, and the emulator's own counts prove no batch was submitted twice.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { createRunner, orgConnectionPort, type PortFactory } from "../../../lib/jobs";
import { accountRows, createHarness, FAST, type Harness } from "../jobs/harness";

const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c" } };

interface Stats {
  v1BatchesSubmitted: number;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("graceful shutdown", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h?.close());

  async function expectExactlyOnce(jobId: string, rows: number, prefix: string, statsBefore: Stats) {
    const batches = await getDb().salesforceBatch.count({ where: { bulkJobId: jobId, submitState: "submitted" } });
    const stats = await h.emulator.admin<Stats>("GET", "stats");
    expect(stats.v1BatchesSubmitted - statsBefore.v1BatchesSubmitted).toBe(batches);
    expect(await h.sfCount("Account", `fields->>'External_Id__c' LIKE '${prefix}-%'`)).toBe(rows);
  }

  it("releases the lease of a step that outlives the grace period; the late step's writes are fenced off", async () => {
    const before = await h.emulator.admin<Stats>("GET", "stats");
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: "v1", batchSize: 100, uploadId: await h.upload(accountRows(300, new Set(), "hang")), columnMapping: MAPPING });
    let entered!: () => void;
    const stuck = new Promise<void>((r) => (entered = r));
    let unblock!: () => void;
    const blocked = new Promise<void>((r) => (unblock = r));
    // The first v1 job create hangs (a slow Salesforce) until the test lets it go.
    const hanging: PortFactory = async (job, notice, settings) => {
      const port = await orgConnectionPort(job, notice, settings);
      return { ...port, v1CreateJob: async (spec) => (entered(), await blocked, port.v1CreateJob(spec)) };
    };
    const first = createRunner({ portFor: hanging, settings: FAST, owner: "first" });
    first.start();
    await stuck;

    const started = performance.now();
    await first.stop({ graceMs: 300 });
    expect(performance.now() - started).toBeLessThan(1_500);
    const released = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(released.leaseOwner).toBeNull();
    expect(released.nextCheckAt.getTime()).toBeLessThanOrEqual(Date.now());

    // The late step creates its Salesforce job, then finds it no longer holds the lease and records nothing.
    unblock();
    await new Promise((r) => setTimeout(r, 300));
    expect((await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } })).sfJobId).toBeNull();

    const job = await h.settle(jobId, h.runner({}, "second"));
    expect(job.state).toBe("completed");
    expect(job.processedRows).toBe(300);
    await expectExactlyOnce(jobId, 300, "hang", before);
  });

  // With an earlier SIGTERM handler (as Next's server installs), that handler runs only after the runner let go.
  const EARLIER = `process.on("SIGTERM", () => { console.log("server closed"); process.exit(0); });`;
  it.each([
    { name: "alone", setup: "", code: 143, prefix: "sig" },
    { name: "behind a server's own handler", setup: EARLIER, code: 0, prefix: "sigsrv" },
  ])("a runner process ($name) exits within 10 s of SIGTERM mid-job, leaving the job free for another runner", async ({ setup, code: expectedCode, prefix }) => {
    const before = await h.emulator.admin<Stats>("GET", "stats");
    const rows = 1_000;
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: "v1", batchSize: 50, uploadId: await h.upload(accountRows(rows, new Set(), prefix)), columnMapping: MAPPING });
    const entry = pathToFileURL(resolve(__dirname, "../../../lib/jobs/index.ts")).href;
    const script = `${setup} const { startRunnerLoop } = await import(${JSON.stringify(entry)}); await startRunnerLoop();`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      env: { ...process.env, LOG_LEVEL: "silent", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<{ code: number | null; at: number }>((r) => child.on("exit", (code) => r({ code, at: performance.now() })));
    try {
      await waitFor(async () => (await getDb().salesforceBatch.count({ where: { bulkJobId: jobId, submitState: "submitted" } })) >= 2, 30_000);
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`the runner process made no progress: ${stderr}`, { cause: error });
    }
    const signalled = performance.now();
    child.kill("SIGTERM");
    const { code, at } = await exited;
    expect(at - signalled).toBeLessThan(10_000);
    expect(code).toBe(expectedCode);
    expect(stdout.includes("server closed")).toBe(expectedCode === 0);

    const left = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(left.leaseOwner).toBeNull();
    expect(left.state).not.toBe("completed");
    const submittedByFirst = await getDb().salesforceBatch.count({ where: { bulkJobId: jobId, submitState: "submitted" } });
    expect(submittedByFirst).toBeLessThan(rows / 50);

    const job = await h.settle(jobId, h.runner({}, "after-sigterm"), 30_000);
    expect(job.state).toBe("completed");
    expect(job.processedRows).toBe(rows);
    expect(await getDb().salesforceBatch.count({ where: { bulkJobId: jobId } })).toBe(rows / 50);
    await expectExactlyOnce(jobId, rows, prefix, before);
  }, 60_000);
});
