/**
 * Every jobs/uploads/cron route, called as Next.js calls it (request scope, next-auth session cookie):
 * 401 without a session, 404 for another team's ids, 403 below the role, and the whole flow through HTTP shapes.
 */
import "./next-globals";
import { randomBytes } from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { accountRows, createHarness, csvOf, type Harness } from "../jobs/harness";
import { callRoute, sessionCookie } from "./next-request";

process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64");
process.env.NEXTAUTH_URL = "http://localhost";
process.env.CRON_SECRET = "cron-secret-for-tests";

const routes = {
  uploads: () => import("../../../app/api/uploads/route"),
  part: () => import("../../../app/api/uploads/[id]/parts/[n]/route"),
  complete: () => import("../../../app/api/uploads/[id]/complete/route"),
  jobs: () => import("../../../app/api/jobs/route"),
  job: () => import("../../../app/api/jobs/[id]/route"),
  abort: () => import("../../../app/api/jobs/[id]/abort/route"),
  events: () => import("../../../app/api/jobs/[id]/events/route"),
  retry: () => import("../../../app/api/jobs/[id]/retry/route"),
  results: () => import("../../../app/api/jobs/[id]/results/[kind]/route"),
  tick: () => import("../../../app/api/cron/tick/route"),
};

describe("job and upload routes", () => {
  let h: Harness;
  let owner: string;
  let outsider: string;
  let viewer: string;
  let member: string;

  const request = (method: string, path: string, cookie: string | null, body?: BodyInit, headers: Record<string, string> = {}) =>
    new Request(`http://localhost${path}`, {
      method,
      body,
      headers: { ...(cookie ? { cookie } : {}), ...(typeof body === "string" && !headers["content-type"] ? { "content-type": "application/json" } : {}), ...headers },
      ...(body ? { duplex: "half" } : {}),
    } as RequestInit);

  beforeAll(async () => {
    h = await createHarness();
    const db = getDb();
    const addUser = async (teamId: string, role: "owner" | "viewer" | "member") => {
      const user = await db.user.create({ data: { email: `${role}-${randomBytes(3).toString("hex")}@example.com` } });
      await db.membership.create({ data: { teamId, userId: user.id, role } });
      return sessionCookie(user.id);
    };
    owner = await sessionCookie(h.ctx.user.id);
    viewer = await addUser(h.ctx.teamId, "viewer");
    member = await addUser(h.ctx.teamId, "member");
    const otherTeam = await db.team.create({ data: { name: "Other team" } });
    outsider = await addUser(otherTeam.id, "owner");
  });
  afterAll(() => h?.close());

  it("runs the whole flow over the routes, and guards each one", async () => {
    const { POST: createUpload } = await routes.uploads();
    const { PUT: putPart } = await routes.part();
    const { POST: complete } = await routes.complete();
    const { GET: listJobs, POST: createJob } = await routes.jobs();
    const { GET: getJob } = await routes.job();
    const { GET: events } = await routes.events();
    const { GET: results } = await routes.results();
    const { POST: abort } = await routes.abort();
    const { POST: retry } = await routes.retry();
    const { POST: tick } = await routes.tick();

    const uploadBody = JSON.stringify({ fileName: "accounts.csv", columns: ["Name", "External_Id__c", "NumberOfEmployees", "Note"] });
    expect((await callRoute(createUpload, request("POST", "/api/uploads", null, uploadBody), {})).status).toBe(401);
    expect((await callRoute(createUpload, request("POST", "/api/uploads", viewer, uploadBody), {})).status).toBe(403);
    const created = await callRoute(createUpload, request("POST", "/api/uploads", owner, uploadBody), {});
    expect(created.status).toBe(201);
    const uploadId = ((await created.json()) as { id: string }).id;

    const rows = accountRows(120, new Set([3])).slice(1);
    const part = (cookie: string | null, n: string, body: string, type = "text/csv") => callRoute(putPart, request("PUT", `/api/uploads/${uploadId}/parts/${n}`, cookie, body, { "content-type": type }), { id: uploadId, n });
    expect((await part(null, "1", csvOf(rows))).status).toBe(401);
    expect((await part(outsider, "1", csvOf(rows))).status).toBe(404);
    const wrongType = await part(owner, "1", csvOf(rows), "application/json");
    expect([wrongType.status, ((await wrongType.json()) as { error: { code: string } }).error.code]).toEqual([415, "VALIDATION"]);
    const ragged = await part(owner, "1", "a,b\n");
    expect(ragged.status).toBe(400);
    expect(await ragged.json()).toEqual({ error: { code: "VALIDATION", message: "Part 1, row 1: 2 fields where the header has 4." } });
    expect((await part(owner, "1", csvOf(rows.slice(0, 60)))).status).toBe(201);
    expect((await part(owner, "1", csvOf(rows.slice(0, 60)))).status).toBe(200); // a resend after a dropped connection
    const early = await callRoute(complete, request("POST", `/api/uploads/${uploadId}/complete`, owner, JSON.stringify({ partCount: 2 })), { id: uploadId });
    expect([early.status, ((await early.json()) as { error: { message: string } }).error.message]).toEqual([400, "Parts missing: 2. Send them, then complete again."]);
    expect((await part(member, "2", csvOf(rows.slice(60)))).status).toBe(201);
    expect((await callRoute(complete, request("POST", `/api/uploads/${uploadId}/complete`, outsider, JSON.stringify({ partCount: 2 })), { id: uploadId })).status).toBe(404);
    const done = await callRoute(complete, request("POST", `/api/uploads/${uploadId}/complete`, owner, JSON.stringify({ partCount: 2, rowCount: 120 })), { id: uploadId });
    expect(((await done.json()) as { rowCount: number }).rowCount).toBe(120);

    const jobBody = JSON.stringify({ orgConnectionId: h.connectionId, object: "Account", operation: "insert", uploadId, columnMapping: { columns: { Name: "Name", External_Id__c: "External_Id__c" } } });
    expect((await callRoute(createJob, request("POST", "/api/jobs", null, jobBody), {})).status).toBe(401);
    expect((await callRoute(createJob, request("POST", "/api/jobs", viewer, jobBody), {})).status).toBe(403);
    expect((await callRoute(createJob, request("POST", "/api/jobs", outsider, jobBody), {})).status).toBe(404); // their team has no such connection
    const hardDelete = await callRoute(createJob, request("POST", "/api/jobs", member, jobBody.replace('"insert"', '"hardDelete"')), {});
    expect(hardDelete.status).toBe(403);
    const bad = await callRoute(createJob, request("POST", "/api/jobs", owner, JSON.stringify({ orgConnectionId: h.connectionId, object: "Account", operation: "upsert", uploadId })), {});
    expect([bad.status, ((await bad.json()) as { error: { message: string } }).error.message]).toEqual([422, "Invalid input: externalIdField: Upsert needs an external id field."]);
    const createdJob = await callRoute(createJob, request("POST", "/api/jobs", member, jobBody), {});
    expect(createdJob.status).toBe(201);
    const jobId = ((await createdJob.json()) as { id: string }).id;

    // The cron tick runs the same runner; between ticks time passes (here: the next check is due at once).
    expect((await callRoute(tick, request("POST", "/api/cron/tick", null), {})).status).toBe(401);
    expect((await callRoute(tick, request("POST", "/api/cron/tick", null, undefined, { authorization: "Bearer wrong" }), {})).status).toBe(401);
    for (let i = 0; i < 200; i += 1) {
      const ticked = await callRoute(tick, request("POST", "/api/cron/tick", null, undefined, { authorization: "Bearer cron-secret-for-tests" }), {});
      expect(ticked.status).toBe(200);
      const job = await getDb().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
      if (job.state === "completed") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await getDb().bulkJob.update({ where: { id: jobId }, data: { nextCheckAt: new Date() } });
    }

    for (const cookie of [null, outsider]) {
      expect((await callRoute(getJob, request("GET", `/api/jobs/${jobId}`, cookie), { id: jobId })).status).toBe(cookie ? 404 : 401);
      expect((await callRoute(events, request("GET", `/api/jobs/${jobId}/events`, cookie), { id: jobId })).status).toBe(cookie ? 404 : 401);
      expect((await callRoute(results, request("GET", `/api/jobs/${jobId}/results/failures`, cookie), { id: jobId, kind: "failures" })).status).toBe(cookie ? 404 : 401);
      expect((await callRoute(abort, request("POST", `/api/jobs/${jobId}/abort`, cookie), { id: jobId })).status).toBe(cookie ? 404 : 401);
      expect((await callRoute(retry, request("POST", `/api/jobs/${jobId}/retry`, cookie), { id: jobId })).status).toBe(cookie ? 404 : 401);
      expect((await callRoute(listJobs, request("GET", "/api/jobs", cookie), {})).status).toBe(cookie ? 200 : 401);
    }
    const theirs = (await (await callRoute(listJobs, request("GET", "/api/jobs", outsider), {})).json()) as { jobs: unknown[] };
    expect(theirs.jobs).toEqual([]);

    const detail = (await (await callRoute(getJob, request("GET", `/api/jobs/${jobId}`, viewer), { id: jobId })).json()) as { state: string; failedRows: number; batches: { state: string; numberRecordsProcessed: number }[] };
    expect([detail.state, detail.failedRows]).toEqual(["completed", 1]);
    expect(detail.batches[0]).toMatchObject({ state: "JobComplete", numberRecordsProcessed: 120 });
    const failures = await callRoute(results, request("GET", `/api/jobs/${jobId}/results/failures`, viewer), { id: jobId, kind: "failures" });
    expect(failures.headers.get("content-disposition")).toBe(`attachment; filename="Account-insert-${jobId}-failures.csv"`);
    const failureRows = Papa.parse<string[]>(await failures.text(), { skipEmptyLines: true }).data;
    expect(failureRows.map((r) => r[0])).toEqual(["sf__Row", "3"]);
    expect((await callRoute(results, request("GET", `/api/jobs/${jobId}/results/bogus`, viewer), { id: jobId, kind: "bogus" })).status).toBe(422);
    const timeline = (await (await callRoute(events, request("GET", `/api/jobs/${jobId}/events`, viewer), { id: jobId })).json()) as { events: { type: string }[] };
    expect(timeline.events[0].type).toBe("created");
    expect(timeline.events.at(-1)?.type).toBe("completed");

    expect((await callRoute(abort, request("POST", `/api/jobs/${jobId}/abort`, member), { id: jobId })).status).toBe(409);
    expect((await callRoute(retry, request("POST", `/api/jobs/${jobId}/retry`, viewer), { id: jobId })).status).toBe(403);
    const child = await callRoute(retry, request("POST", `/api/jobs/${jobId}/retry`, member), { id: jobId });
    expect(child.status).toBe(201);
    expect(((await child.json()) as { rows: number }).rows).toBe(1);
    const page = (await (await callRoute(listJobs, request("GET", "/api/jobs?limit=1", viewer), {})).json()) as { jobs: { parentJobId: string | null }[]; nextCursor: string };
    expect(page.jobs[0].parentJobId).toBe(jobId);
    expect(page.nextCursor).toBeTruthy();
  }, 120_000);
});
