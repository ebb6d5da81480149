import jsforce, { type Connection } from "jsforce";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

// Each fault-injection mode as the real jsforce client meets it: the app's reliability tests rely
// on the emulator failing the way Salesforce does, so an unmodified client must see the same thing.
let emulator: TestEmulator;
let conn: Connection;

interface BulkResult {
  success: boolean;
  errors: string[];
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  conn = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
  await conn.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
  conn.bulk.pollInterval = 50;
  conn.bulk.pollTimeout = 20_000;
});
afterEach(() => emulator.admin("POST", "faults/reset"));
afterAll(async () => {
  await emulator?.close();
});

const accounts = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ Name: `${prefix} ${i}` }));

async function v1JobsCreated(): Promise<number> {
  const stats = await emulator.admin<{ jobs: { v1: number } }>("GET", "stats");
  return stats.jobs.v1;
}

describe("fault injection through jsforce", () => {
  it("answers 5xx: jsforce surfaces the failure and nothing is created", async () => {
    const before = await v1JobsCreated();
    await emulator.admin("POST", "faults", { errorRate: 1, pathPattern: "^/services/async" });
    await expect(conn.bulk.load("Account", "insert", accounts("Err", 2))).rejects.toThrow();
    await emulator.admin("POST", "faults/reset");
    expect(await v1JobsCreated()).toBe(before);
  });

  it("drops connections: before handling nothing exists, after handling the job exists though jsforce saw an error", async () => {
    const before = await v1JobsCreated();
    await emulator.admin("POST", "faults", { dropRate: 1, dropMode: "before", pathPattern: "^/services/async/[\\d.]+/job$" });
    await expect(conn.bulk.load("Account", "insert", accounts("DropBefore", 1))).rejects.toThrow();
    await emulator.admin("POST", "faults/reset");
    expect(await v1JobsCreated()).toBe(before);

    await emulator.admin("POST", "faults", { dropRate: 1, dropMode: "after", pathPattern: "^/services/async/[\\d.]+/job$" });
    await expect(conn.bulk.load("Account", "insert", accounts("DropAfter", 1))).rejects.toThrow();
    await emulator.admin("POST", "faults/reset");
    expect(await v1JobsCreated()).toBe(before + 1);
  });

  it("fails a share of rows with UNABLE_TO_LOCK_ROW in jsforce's per-row results", async () => {
    await emulator.admin("POST", "faults", { lockRowRate: 0.5, seed: 11 });
    const results = (await conn.bulk.load("Account", "insert", accounts("Locked", 40))) as BulkResult[];
    const locked = results.filter((r) => !r.success);
    expect(results).toHaveLength(40);
    expect(locked.length).toBeGreaterThan(5);
    expect(locked.length).toBeLessThan(35);
    for (const row of locked) expect(row.errors.join(" ")).toMatch(/UNABLE_TO_LOCK_ROW/);
  });

  it("answers REQUEST_LIMIT_EXCEEDED after N calls", async () => {
    await emulator.admin("POST", "faults", { requestLimitAfter: 0 });
    await expect(conn.query("SELECT Id FROM Account LIMIT 1")).rejects.toMatchObject({ errorCode: "REQUEST_LIMIT_EXCEEDED" });
    const bulkError = await conn.bulk.load("Account", "insert", accounts("Limited", 1)).then(
      () => null,
      (error: Error) => error,
    );
    // Bulk v1 reports the quota as <exceptionCode>ExceededQuota</exceptionCode>, which jsforce names the error after.
    expect(bulkError).toMatchObject({ name: "ExceededQuota", message: "TotalRequests Limit exceeded." });
  });

  it("expires the session: jsforce logs in again and the load completes", async () => {
    await emulator.admin("POST", "sessions/expire", { token: conn.accessToken });
    const results = (await conn.bulk.load("Account", "insert", accounts("Expired", 3))) as BulkResult[];
    expect(results.every((r) => r.success)).toBe(true);
  });

  it("slows batches: jsforce keeps polling and the load still completes", async () => {
    await emulator.admin("POST", "faults", { slowBatchMs: 600 });
    const started = Date.now();
    const results = (await conn.bulk.load("Account", "insert", accounts("Slow", 3))) as BulkResult[];
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(results.every((r) => r.success)).toBe(true);
  });
});
