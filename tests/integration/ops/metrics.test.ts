/** /api/metrics over the real route handler: a real database, the emulator and the runner's hooks. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountRows, createHarness, type Harness } from "../jobs/harness";

const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c" } };
const TOKEN = "metrics-token-for-the-test-0123456789";

async function scrape(authorization?: string): Promise<Response> {
  const { GET } = await import("../../../app/api/metrics/route");
  const headers = authorization ? { authorization } : undefined;
  return GET(new Request("http://localhost/api/metrics", { headers }), { params: Promise.resolve({}) });
}

/** The value of one series line, e.g. `bulk_console_jobs{state="completed"}`. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/api/metrics", () => {
  let h: Harness;
  const original = process.env.METRICS_TOKEN;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    if (original === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = original;
    await h?.close();
  });

  it("is a 404 while METRICS_TOKEN is unset, and a 401 without the right bearer token", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    process.env.METRICS_TOKEN = TOKEN;
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong")).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
  });

  it("reports jobs by state, batches, records, Salesforce calls and errors by code, and step durations", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(valueOf(before, 'bulk_console_jobs{state="completed"}')).toBe(0);
    expect(valueOf(before, "bulk_console_batches_submitted")).toBe(0);

    const uploadId = await h.upload(accountRows(600, new Set([3, 400]), "m"));
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: "v1", batchSize: 200, uploadId, columnMapping: MAPPING });
    const queued = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(valueOf(queued, 'bulk_console_jobs{state="queued"}')).toBe(1);

    // Every Salesforce call fails once with a 5xx, so the errors-by-code series has something to show.
    await h.emulator.admin("POST", "faults", { errorRate: 1, pathPattern: "^/services/async/" });
    const runner = h.runner();
    await runner.runOnce();
    await h.emulator.admin("POST", "faults/reset");
    const job = await h.settle(jobId, runner);
    expect(job.state).toBe("completed");

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(valueOf(text, 'bulk_console_jobs{state="completed"}')).toBe(1);
    expect(valueOf(text, 'bulk_console_jobs{state="queued"}')).toBe(0);
    expect(valueOf(text, "bulk_console_batches_submitted")).toBe(3);
    expect(valueOf(text, "bulk_console_records_processed")).toBe(600);
    expect(valueOf(text, "bulk_console_records_failed")).toBe(2);
    expect(text).toContain("# TYPE bulk_console_salesforce_api_calls_total counter");
    expect(valueOf(text, 'bulk_console_salesforce_api_calls_total{method="v1CreateJob"}')).toBeGreaterThanOrEqual(2);
    const errorLines = text.split("\n").filter((l) => l.startsWith("bulk_console_salesforce_api_errors_total{code="));
    expect(errorLines.length).toBeGreaterThan(0);
    expect(errorLines.every((l) => !l.includes('code="UNKNOWN"'))).toBe(true);
    const okSteps = valueOf(text, 'bulk_console_runner_step_duration_seconds_count{outcome="ok"}') ?? 0;
    expect(okSteps).toBeGreaterThan(0);
    expect(valueOf(text, 'bulk_console_runner_step_duration_seconds_bucket{outcome="ok",le="+Inf"}')).toBe(okSteps);
    expect(valueOf(text, 'bulk_console_runner_step_duration_seconds_count{outcome="error"}')).toBeGreaterThan(0);
  });
});
