/**
 * kill -9 at 10 seeded points of a job's life: a runner process SIGKILLs itself right before or right after
 * a chosen Salesforce call (each kind of create, result storage, polling), a new runner takes over, and
 * the emulator's own records prove every row went in exactly once with the right outcome.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { dropAllLeases, type BulkPort } from "../../../lib/jobs";
import { accountRows, createHarness, FAST, type Harness } from "../jobs/harness";
import { expectExactIngest, MAPPING } from "../../support/hardening-jobs";

const ROWS = 400;
const SETTINGS = { ...FAST, v1MaxRecords: 150, v2MaxBytes: 5_000 };

interface KillPoint {
  api: "v1" | "v2";
  method: keyof BulkPort;
  when: "before" | "after";
  nth: number;
}

/** mulberry32: small, seeded, the same points on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One point per stage of a job's life; the seed picks before/after and which occurrence. */
function seededPoints(seed: number): KillPoint[] {
  const random = prng(seed);
  const pick = <T,>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const stage = (api: "v1" | "v2", method: keyof BulkPort, maxNth: number, whens: readonly ("before" | "after")[] = ["before", "after"]): KillPoint => ({
    api,
    method,
    when: pick(whens),
    nth: 1 + Math.floor(random() * maxNth),
  });
  // 400 rows: 3 v1 batches (150, 150, 100); Bulk 2.0 jobs of 5 kB (2 to 4). Occurrences stay within what a job surely makes
  // (one v1 batch-list poll can already see every batch done).
  return [
    stage("v1", "v1CreateJob", 1),
    stage("v1", "v1CreateBatch", 3),
    stage("v1", "v1CloseJob", 1),
    stage("v1", "v1ListBatches", 1, ["after"]),
    stage("v1", "v1BatchResult", 3, ["after"]),
    stage("v2", "v2CreateIngestJob", 2),
    stage("v2", "v2Upload", 2),
    stage("v2", "v2SetState", 2),
    stage("v2", "v2GetJob", 2, ["after"]),
    stage("v2", "v2IngestResults", 2, ["after"]),
  ];
}

const POINTS = seededPoints(7);

/** The runner process: the real runner and port, which SIGKILLs itself at the chosen call. */
function runnerScript(point: KillPoint): string {
  const entry = pathToFileURL(resolve(__dirname, "../../../lib/jobs/index.ts")).href;
  return `
    const { createRunner, orgConnectionPort } = await import(${JSON.stringify(entry)});
    const point = ${JSON.stringify(point)};
    let calls = 0;
    const die = () => process.kill(process.pid, "SIGKILL");
    const portFor = async (job, notice, settings) => {
      const port = await orgConnectionPort(job, notice, settings);
      const original = port[point.method];
      return { ...port, [point.method]: async (...args) => {
        calls += 1;
        if (calls === point.nth && point.when === "before") die();
        const result = await original(...args);
        if (calls === point.nth) { die(); await new Promise(() => {}); }
        return result;
      } };
    };
    // Started ahead of time (imports are the slow part); runs once the test says go.
    await new Promise((go) => process.stdin.once("data", go));
    createRunner({ portFor, settings: ${JSON.stringify(SETTINGS)}, owner: "doomed" }).start();
  `;
}

interface RunnerProcess {
  go(): void;
  /** The signal that ended it (null for a normal exit); kills it after `timeoutMs`. */
  exited(timeoutMs: number): Promise<NodeJS.Signals | null>;
  stderr(): string;
  kill(): void;
}

function spawnRunner(point: KillPoint): RunnerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", runnerScript(point)], {
    env: { ...process.env, LOG_LEVEL: "silent" },
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<NodeJS.Signals | null>((r) => child.on("exit", (_code, signal) => r(signal)));
  return {
    go: () => child.stdin!.write("go\n"),
    async exited(timeoutMs) {
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      return exit.finally(() => clearTimeout(timer));
    },
    stderr: () => stderr,
    kill: () => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL")),
  };
}

describe("crash at 10 seeded points", () => {
  let h: Harness;
  let pool: pg.Pool;
  const warm: RunnerProcess[] = [];
  beforeAll(async () => {
    h = await createHarness();
    pool = new pg.Pool({ connectionString: h.emulator.databaseUrl, max: 2 });
  });
  afterAll(async () => {
    for (const runner of warm) runner?.kill();
    await pool?.end();
    await h?.close();
  });

  it("covers every kind of create, result storage and polling", () => {
    const methods = new Set(POINTS.map((p) => p.method));
    for (const m of ["v1CreateJob", "v1CreateBatch", "v2CreateIngestJob", "v2Upload", "v2SetState", "v1BatchResult", "v2IngestResults", "v1ListBatches", "v2GetJob"]) expect(methods).toContain(m);
    const creates = POINTS.filter((p) => /Create|Upload|SetState|Close/.test(p.method));
    expect(new Set(creates.map((p) => p.when))).toEqual(new Set(["before", "after"]));
  });

  it.each(POINTS.map((p, i) => [`${p.api} ${p.when} ${p.method} #${p.nth}`, p, i] as const))("SIGKILL %s, restart: exactly once, complete, correct", async (_label, point, index) => {
    const prefix = `crash${index}`;
    const bad = new Set([7, 150, 151, 299, ROWS]);
    const statsBefore = await h.emulator.admin<{ v1BatchesSubmitted: number }>("GET", "stats");
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: point.api, uploadId: await h.upload(accountRows(ROWS, bad, prefix), 200), columnMapping: MAPPING });

    const runner = warm[index] ?? spawnRunner(point);
    // The next case's process starts now, while this one runs (it waits for its go).
    if (index + 1 < POINTS.length) warm[index + 1] = spawnRunner(POINTS[index + 1]);
    runner.go();
    const signal = await runner.exited(30_000);
    expect(signal, runner.stderr()).toBe("SIGKILL");
    const killed = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(killed.state, "the process died mid-job").not.toBe("completed");

    // A restart: the dead process's lease is dropped (as `startRunnerLoop({ reclaim: true })` does) and a new runner goes on.
    await dropAllLeases();
    const job = await h.settle(jobId, h.runner(SETTINGS, `after-${index}`), 30_000);
    expect([job.state, job.processedRows, job.failedRows]).toEqual(["completed", ROWS, bad.size]);
    const outcome = await expectExactIngest(h.ctx, pool, h.emulator.demo.orgId, jobId, ROWS, prefix, /REQUIRED_FIELD_MISSING/);
    expect(outcome).toEqual({ successes: ROWS - bad.size, failures: bad.size });
    if (point.api === "v1") {
      // Every v1 batch Salesforce holds is one we recorded: none sent twice, none orphaned.
      const batches = await getDb().salesforceBatch.count({ where: { bulkJobId: jobId } });
      expect((await h.emulator.admin<{ v1BatchesSubmitted: number }>("GET", "stats")).v1BatchesSubmitted - statsBefore.v1BatchesSubmitted).toBe(batches);
    }
  }, 60_000);
});
