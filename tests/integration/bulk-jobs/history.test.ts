/** Team history with 100,000 jobs: filters, search and keyset paging stay fast deep into the list. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MembershipContext } from "../../../lib/auth";
import { loadBulkJobs } from "../../../lib/bulk-jobs/loaders";
import { getDb } from "../../../lib/db";
import { createTestDatabase, type TestDatabase } from "../../support/database";

const JOBS = 100_000;

describe("job history", () => {
  let db: TestDatabase;
  let ctx: MembershipContext;
  let otherCtx: MembershipContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    const prisma = getDb();
    const user = await prisma.user.create({ data: { email: "h@example.com" } });
    const [team, other] = [await prisma.team.create({ data: { name: "A" } }), await prisma.team.create({ data: { name: "B" } })];
    ctx = { user: { id: user.id, email: user.email, name: null, sessionVersion: 0, currentTeamId: team.id }, teamId: team.id, role: "viewer" };
    otherCtx = { ...ctx, teamId: other.id };
    // One INSERT … SELECT: 100,000 jobs over a year, some sharing a timestamp to exercise the tie-break.
    await prisma.$executeRawUnsafe(`
      INSERT INTO bulk_jobs (id, team_id, created_by_id, object, operation, api, state, file_name, total_rows, created_at, updated_at)
      SELECT 'job' || lpad(i::text, 6, '0'), $1, $2,
             (ARRAY['Account','Contact','Lead','Case'])[1 + i % 4],
             (ARRAY['insert','update','upsert','delete','query'])[1 + i % 5]::bulk_operation,
             (CASE WHEN i % 3 = 0 THEN 'v1' ELSE 'v2' END)::bulk_api,
             (ARRAY['completed','failed','aborted','running'])[1 + i % 4]::bulk_job_state,
             'file-' || i || '.csv', i,
             timestamp '2026-01-01' + (i / 2) * interval '5 minutes', now()
      FROM generate_series(1, ${JOBS}) AS i`, team.id, user.id);
    await prisma.$executeRawUnsafe("ANALYZE bulk_jobs");
  }, 120_000);
  afterAll(async () => {
    await getDb().$disconnect();
    await db.drop();
  });

  it("pages through newest first without gaps or repeats, with ties on the timestamp", async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await loadBulkJobs(ctx, { limit: 7, cursor });
      result.jobs.forEach((job) => seen.add(job.id));
      cursor = result.nextCursor ?? undefined;
    }
    expect(seen.size).toBe(35);
    expect([...seen].slice(0, 4)).toEqual(["job100000", "job099999", "job099998", "job099997"]);
    expect([...seen].at(-1)).toBe("job099966");
  });

  it("answers the first page, a page 90,000 jobs deep, filters and searches in milliseconds", async () => {
    const timed = async (filters: Record<string, unknown>) => {
      const start = performance.now();
      const result = await loadBulkJobs(ctx, filters);
      return { ms: performance.now() - start, result };
    };
    await timed({}); // warm the connection
    const first = await timed({ limit: 50 });
    const deepCursor = `${new Date(Date.UTC(2026, 0, 1) + (10_000 / 2) * 5 * 60_000).toISOString()}_job010000`;
    const deep = await timed({ limit: 50, cursor: deepCursor });
    const filtered = await timed({ limit: 50, object: "contact", state: "failed" });
    const byId = await timed({ search: "job054321" });
    const byFile = await timed({ search: "file-777.csv" });
    expect(first.result.jobs).toHaveLength(50);
    expect(deep.result.jobs[0].id).toBe("job009999");
    expect(filtered.result.jobs.every((j) => j.object === "Contact" && j.state === "failed")).toBe(true);
    expect(byId.result.jobs.map((j) => j.id)).toEqual(["job054321"]);
    expect(byFile.result.jobs.map((j) => j.fileName)).toContain("file-777.csv");
    const timings = { first: first.ms, deep: deep.ms, filtered: filtered.ms, byId: byId.ms, byFile: byFile.ms };
    console.log(`history over ${JOBS} jobs (ms): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
    // Wall times include Prisma's own overhead on a shared CI box; the plan below is what must not degrade.
    expect(Math.max(first.ms, deep.ms, filtered.ms, byId.ms)).toBeLessThan(1_000);
    const plan = await getDb().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN ANALYZE SELECT id FROM bulk_jobs WHERE team_id = $1 AND created_at <= $2 AND (created_at < $2 OR (created_at = $2 AND id < $3))
       ORDER BY created_at DESC, id DESC LIMIT 51`,
      ctx.teamId,
      new Date(Date.UTC(2026, 0, 1) + (10_000 / 2) * 5 * 60_000),
      "job010000",
    );
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index (Only )?Scan Backward using bulk_jobs_team_id_created_at_id_idx/);
    expect(Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1])).toBeLessThan(20);
    expect((await loadBulkJobs(otherCtx, {})).jobs).toEqual([]);
  });
});
