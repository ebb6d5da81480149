/**
 * Each emulator fault-injection mode against the client: reads survive errors and drops through retries,
 * creates are never replayed blindly, the request limit is surfaced, row locks and slow batches are reported.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Bulk, SalesforceApiError, type IngestResult } from "../../../lib/salesforce";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
let bulk: Bulk;
const retried: string[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
  bulk = new Bulk({
    loginUrl: emulator.url,
    allowedOrigins: [emulator.url],
    timeoutMs: 5_000,
    retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 },
    onRetry: (info) => retried.push(`${info.method} ${info.error.errorCode}`),
  });
  await bulk.login(emulator.demo.username, emulator.demo.password, emulator.demo.securityToken);
});

afterEach(async () => {
  await emulator.admin("POST", "faults/reset");
  retried.length = 0;
});

afterAll(async () => {
  await emulator?.close();
});

const faults = (config: Record<string, unknown>) => emulator.admin("POST", "faults", { seed: 7, ...config });
const stats = () => emulator.admin<{ jobs: { v1: number }; faults: { requests: number; errors: number; drops: number; limited: number; lockedRows: number } }>("GET", "stats");

async function waitForJob(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await bulk.jobIsCompleted()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("job did not complete");
}

describe("fault injection", () => {
  it("errorRate: status reads retry through injected 503s", async () => {
    await bulk.jobCreate("insert", "Account");
    await bulk.batchCreate([{ Name: "faulty reads" }]);
    await faults({ errorRate: 0.5, pathPattern: "/batch$" });
    await waitForJob();
    expect(Object.values(await bulk.batchStatus())[0].state).toBe("Completed");
    expect((await stats()).faults.errors).toBeGreaterThan(0);
    expect(retried.every((line) => line.startsWith("GET "))).toBe(true);
    expect(retried.length).toBeGreaterThan(0);
  });

  it("errorRate: a create fails once, typed and retryable, and is not re-sent", async () => {
    await faults({ errorRate: 1, pathPattern: "/job$" });
    const error = await bulk.jobCreate("insert", "Account").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceApiError);
    expect(error).toMatchObject({ errorCode: "InternalServerError", status: 503, retryable: true });
    expect((await stats()).faults.requests).toBe(1);
  });

  it.each(["before", "after"] as const)("dropRate (%s): reads retry; a dropped create is surfaced, not replayed", async (dropMode) => {
    await bulk.jobCreate("insert", "Account");
    await faults({ dropRate: 1, dropMode, pathPattern: "/batch$" });
    const jobsBefore = (await stats()).jobs.v1;
    const createError = await bulk.batchCreate([{ Name: "dropped" }]).catch((e: unknown) => e);
    expect(createError).toMatchObject({ errorCode: "NETWORK_ERROR", retryable: true });
    expect((await stats()).faults.drops).toBe(1);
    const readError = await bulk.batchStatus().catch((e: unknown) => e);
    expect(readError).toMatchObject({ errorCode: "NETWORK_ERROR" });
    expect((await stats()).faults.drops).toBe(7);
    await emulator.admin("POST", "faults/reset");
    // "after" means the batch was created although the client saw no answer: reconciliation must list batches.
    expect(Object.keys(await bulk.batchStatus())).toHaveLength(dropMode === "after" ? 1 : 0);
    expect((await stats()).jobs.v1).toBe(jobsBefore);
  });

  it("requestLimitAfter: REQUEST_LIMIT/ExceededQuota is surfaced at once, not retried", async () => {
    await faults({ requestLimitAfter: 0 });
    const error = await bulk.jobIsCompleted().catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: "ExceededQuota", status: 403, retryable: false });
    expect((await stats()).faults.limited).toBe(1);
  });

  it("lockRowRate: records fail with UNABLE_TO_LOCK_ROW in the results", async () => {
    await faults({ lockRowRate: 1 });
    await bulk.jobCreate("insert", "Account");
    await bulk.batchCreate([{ Name: "locked 1" }, { Name: "locked 2" }]);
    await bulk.jobClose();
    await waitForJob();
    const results = Object.values(await bulk.batchResult())[0] as IngestResult[];
    expect(results.map((r) => r.success)).toEqual([false, false]);
    expect(results[0].error).toMatch(/UNABLE_TO_LOCK_ROW/);
  });

  it("slowBatchMs: the client keeps polling until the slow batch completes", async () => {
    await faults({ slowBatchMs: 400 });
    await bulk.jobCreate("insert", "Account");
    await bulk.batchCreate([{ Name: "slow" }]);
    await bulk.jobClose();
    const started = Date.now();
    expect(await bulk.jobIsCompleted()).toBe(false);
    await waitForJob();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
