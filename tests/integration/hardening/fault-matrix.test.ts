/**
 * Every fault the emulator injects (5xx, drops before / after handling, lock errors, slow batches, an
 * expired session, the daily request limit), alone and all together, on a v1 insert, a Bulk 2.0 insert and
 * a query job at once: results exact (no duplicates, nothing lost) and the timeline the UI shows
 * (`GET /api/jobs/{id}/events`) records the retries, refreshes and pauses.
 */
import "../bulk-jobs/next-globals";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { sessionCookie } from "../bulk-jobs/next-request";
import { accountRows, createHarness, type Harness } from "../jobs/harness";
import { expectExactIngest, expectExactQuery, MAPPING } from "../../support/hardening-jobs";
import { routeCaller, type Caller } from "../../support/hardening-routes";

process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64");
process.env.NEXTAUTH_URL ??= "http://localhost";

const API_PATHS = "^/services/(async|data)/";
const ROWS = 80;
const BASE = 60;

interface Faults {
  seed?: number;
  errorRate?: number;
  dropRate?: number;
  dropMode?: "before" | "after";
  lockRowRate?: number;
  slowBatchMs?: number;
  requestLimitAfter?: number;
}
interface Row {
  name: string;
  faults: Faults;
  expireSession?: boolean;
  /** Event types the timeline must show once the fault really fired. */
  events: string[];
}

const MATRIX: Row[] = [
  { name: "5xx answers", faults: { errorRate: 0.3 }, events: ["retry"] },
  { name: "connections dropped before handling", faults: { dropRate: 0.25, dropMode: "before" }, events: ["retry"] },
  { name: "connections dropped after handling", faults: { dropRate: 0.25, dropMode: "after" }, events: ["retry"] },
  { name: "UNABLE_TO_LOCK_ROW rows", faults: { lockRowRate: 0.1 }, events: [] },
  { name: "slow batches", faults: { slowBatchMs: 150 }, events: [] },
  { name: "an expired session", faults: {}, expireSession: true, events: ["refresh"] },
  { name: "the daily request limit", faults: { requestLimitAfter: 3 }, events: ["paused", "resumed"] },
  {
    name: "all together",
    faults: { errorRate: 0.15, dropRate: 0.1, dropMode: "after", lockRowRate: 0.05, slowBatchMs: 50, requestLimitAfter: 12 },
    expireSession: true,
    events: ["retry", "refresh", "paused", "resumed"],
  },
];

interface Stats {
  faults: { errors: number; drops: number; limited?: number };
}

describe("fault matrix", () => {
  let h: Harness;
  let pool: pg.Pool;
  let call: Caller;
  const baseIds = Array.from({ length: BASE }, (_, i) => `fmbase-${i + 1}`);

  beforeAll(async () => {
    h = await createHarness();
    pool = new pg.Pool({ connectionString: h.emulator.databaseUrl, max: 2 });
    call = routeCaller(await sessionCookie(h.ctx.user.id));
    // Records for the query jobs to find, loaded before any fault is on.
    const base = await h.createJob({ object: "Account", operation: "insert", uploadId: await h.upload(accountRows(BASE, new Set(), "fmbase")), columnMapping: MAPPING });
    expect((await h.settle(base)).state).toBe("completed");
  });
  afterEach(() => h.emulator.admin("POST", "faults/reset"));
  afterAll(async () => {
    await pool?.end();
    await h?.close();
  });

  async function timeline(jobId: string): Promise<string[]> {
    const response = await call.route("events", jobId);
    expect(response.status).toBe(200);
    return ((await response.json()) as { events: { type: string }[] }).events.map((e) => e.type);
  }

  it.each(MATRIX.map((row, i) => [row.name, row, i] as const))("%s: v1, Bulk 2.0 and query jobs stay exact", async (_name, row, index) => {
    const prefix = (api: string) => `fm${index}${api}`;
    const v1 = await h.createJob({ object: "Account", operation: "insert", api: "v1", batchSize: 30, uploadId: await h.upload(accountRows(ROWS, new Set(), prefix("v1"))), columnMapping: MAPPING });
    const v2 = await h.createJob({ object: "Account", operation: "insert", uploadId: await h.upload(accountRows(ROWS, new Set(), prefix("v2"))), columnMapping: MAPPING });
    const query = await h.createJob({ object: "Account", operation: "query", soql: "SELECT Id, External_Id__c FROM Account WHERE External_Id__c LIKE 'fmbase-%'" });
    const ids = [v1, v2, query];
    await h.emulator.admin("POST", "faults", { seed: 100 + index, pathPattern: API_PATHS, ...row.faults });
    // Small Bulk 2.0 jobs (several per file), quick pauses so the request-limit rows finish in seconds.
    const runner = h.runner({ concurrency: 3, v2MaxBytes: 2_000, pauseMs: 200 });
    let steps = 0;
    let limitLifted = false;
    const end = Date.now() + 60_000;
    for (;;) {
      const jobs = await getDb().bulkJob.findMany({ where: { id: { in: ids } } });
      if (jobs.every((j) => ["completed", "failed", "aborted"].includes(j.state))) break;
      if (Date.now() > end) throw new Error(`still running: ${jobs.map((j) => `${j.id} ${j.state} ${j.stateMessage}`).join("; ")}`);
      if (row.expireSession && steps === 4) await h.emulator.admin("POST", "sessions/expire", { username: h.emulator.demo.username });
      // Salesforce's daily limit comes back by itself; here once a pause has been seen.
      if (row.faults.requestLimitAfter !== undefined && !limitLifted && jobs.some((j) => j.state === "paused")) {
        await h.emulator.admin("POST", "faults", { requestLimitAfter: null });
        limitLifted = true;
      }
      steps += 1;
      if ((await runner.runOnce()) === 0) await new Promise((r) => setTimeout(r, 20));
    }
    const stats = (await h.emulator.admin<Stats>("GET", "stats")).faults;

    const jobs = await getDb().bulkJob.findMany({ where: { id: { in: ids } } });
    expect(jobs.map((j) => [j.state, j.stateMessage ?? ""])).toEqual(ids.map(() => ["completed", expect.any(String)]));
    const outcomes = [
      await expectExactIngest(h.ctx, pool, h.emulator.demo.orgId, v1, ROWS, prefix("v1")),
      await expectExactIngest(h.ctx, pool, h.emulator.demo.orgId, v2, ROWS, prefix("v2")),
    ];
    await expectExactQuery(h.ctx, query, baseIds);
    if (row.faults.lockRowRate) expect(outcomes[0].failures + outcomes[1].failures).toBeGreaterThan(0);
    else expect(outcomes.map((o) => o.failures)).toEqual([0, 0]);

    const seen = new Set((await Promise.all(ids.map(timeline))).flat());
    for (const type of ["created", "completed"]) expect([...seen]).toContain(type);
    const fired = row.faults.errorRate || row.faults.dropRate ? stats.errors + stats.drops > 0 : true;
    expect(fired, `the ${row.name} fault never fired`).toBe(true);
    for (const type of row.events) expect([...seen], `timeline of ${row.name}`).toContain(type);
    if (row.expireSession) {
      const refreshes = await getDb().bulkJobEvent.count({ where: { bulkJobId: { in: ids }, type: "refresh" } });
      expect(refreshes).toBeGreaterThanOrEqual(1);
      expect(refreshes).toBeLessThanOrEqual(ids.length);
    }
  });
});
