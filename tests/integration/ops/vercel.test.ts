/** vercel.json's cron reaches the real tick route, which refuses calls without CRON_SECRET and runs jobs with it. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "../../../lib/db";
import { accountRows, createHarness, type Harness } from "../jobs/harness";

const SECRET = "cron-secret-for-the-test-0123456789";
const vercelSchema = z.object({ crons: z.array(z.object({ path: z.string(), schedule: z.string() })) });

async function tick(path: string, authorization?: string): Promise<Response> {
  const { GET } = await import("../../../app/api/cron/tick/route");
  const headers = authorization ? { authorization } : undefined;
  return GET(new Request(`http://localhost${path}`, { headers }), { params: Promise.resolve({}) });
}

describe("Vercel cron", () => {
  let h: Harness;
  const original = process.env.CRON_SECRET;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    if (original === undefined) delete process.env.CRON_SECRET;
    else process.env.CRON_SECRET = original;
    await h?.close();
  });

  it("calls /api/cron/tick every minute", () => {
    const config = vercelSchema.parse(JSON.parse(readFileSync(resolve(__dirname, "../../../vercel.json"), "utf8")));
    expect(config.crons).toEqual([{ path: "/api/cron/tick", schedule: "* * * * *" }]);
  });

  it("runs due steps with the bearer secret and refuses the call without it", async () => {
    const [cron] = vercelSchema.parse(JSON.parse(readFileSync(resolve(__dirname, "../../../vercel.json"), "utf8"))).crons;
    delete process.env.CRON_SECRET;
    expect((await tick(cron.path, `Bearer ${SECRET}`)).status).toBe(404);
    process.env.CRON_SECRET = SECRET;
    expect((await tick(cron.path)).status).toBe(401);
    expect((await tick(cron.path, "Bearer not-the-secret-at-all-000000")).status).toBe(401);

    const uploadId = await h.upload(accountRows(200, new Set(), "cron"));
    const jobId = await h.createJob({ object: "Account", operation: "insert", api: "v2", uploadId, columnMapping: { columns: { Name: "Name" } } });
    const started = performance.now();
    const response = await tick(cron.path, `Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    const { steps } = z.object({ steps: z.number() }).parse(await response.json());
    expect(steps).toBeGreaterThan(0);
    // One tick must end well inside a serverless function's limit.
    expect(performance.now() - started).toBeLessThan(50_000);
    const job = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.state).not.toBe("queued");
    expect(job.leaseOwner).toBeNull();
  });
});
