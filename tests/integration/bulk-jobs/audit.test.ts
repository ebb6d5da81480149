/**
 * Every job action over its route lands in the team's audit log with who, what and from where; the org's
 * external-job routes (list, attach) and the row count estimate check the session and the role themselves.
 */
import "./next-globals";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { getSalesforceClient } from "../../../lib/orgs";
import { accountRows, createHarness, type Harness } from "../jobs/harness";
import { callRoute, sessionCookie } from "./next-request";

process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64");
process.env.NEXTAUTH_URL = "http://localhost";

describe("job audit events", () => {
  let h: Harness;
  let cookie: string;
  const from = { "x-forwarded-for": "203.0.113.7", "user-agent": "audit-test" };
  const request = (method: string, path: string, body?: string) =>
    new Request(`http://localhost${path}`, { method, body, headers: { cookie, ...from, ...(body ? { "content-type": "application/json" } : {}) } });

  beforeAll(async () => {
    h = await createHarness();
    cookie = await sessionCookie(h.ctx.user.id);
  });
  afterAll(() => h?.close());

  it("records create, abort, retry and download with the actor and the request's origin", async () => {
    const { POST: create } = await import("../../../app/api/jobs/route");
    const { POST: abort } = await import("../../../app/api/jobs/[id]/abort/route");
    const { POST: retry } = await import("../../../app/api/jobs/[id]/retry/route");
    const { GET: results } = await import("../../../app/api/jobs/[id]/results/[kind]/route");
    const uploadId = await h.upload(accountRows(5));
    const body = JSON.stringify({ orgConnectionId: h.connectionId, object: "Account", operation: "insert", uploadId });
    const created = await callRoute(create, request("POST", "/api/jobs", body), {});
    expect(created.status).toBe(201);
    const jobId = ((await created.json()) as { id: string }).id;
    expect((await callRoute(abort, request("POST", `/api/jobs/${jobId}/abort`), { id: jobId })).status).toBe(200);
    const child = await callRoute(retry, request("POST", `/api/jobs/${jobId}/retry`), { id: jobId });
    expect(child.status).toBe(201);
    const childId = ((await child.json()) as { id: string }).id;
    const download = await callRoute(results, request("GET", `/api/jobs/${jobId}/results/unprocessed`), { id: jobId, kind: "unprocessed" });
    expect(download.status).toBe(200);
    await download.text();
    // A refused download (wrong kind) is not a download.
    expect((await callRoute(results, request("GET", `/api/jobs/${jobId}/results/query`), { id: jobId, kind: "query" })).status).toBe(400);

    const events = await getDb().auditEvent.findMany({ where: { teamId: h.ctx.teamId, action: { startsWith: "job." } }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.targetId])).toEqual([
      ["job.created", jobId],
      ["job.aborted", jobId],
      ["job.retried", childId],
      ["job.downloaded", jobId],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ actorId: h.ctx.user.id, actorEmail: h.ctx.user.email, targetType: "bulk_job", ip: "203.0.113.7", userAgent: "audit-test" });
    }
    expect(events[0].details).toMatchObject({ object: "Account", operation: "insert", rows: 5, fileName: "accounts.csv" });
    expect(events[1].details).toEqual({ state: "aborted" });
    expect(events[2].details).toMatchObject({ parentJobId: jobId, rows: 5 });
    expect(events[3].details).toEqual({ kind: "unprocessed", fileName: `Account-insert-${jobId}-unprocessed.csv` });
  }, 60_000);

  it("lists and attaches the org's outside jobs over the routes, guarded by role and team, and audits the attach", async () => {
    const routes = await import("../../../app/api/orgs/[id]/jobs/route");
    const { GET: count } = await import("../../../app/api/orgs/[id]/query-count/route");
    const db = getDb();
    const viewer = await db.user.create({ data: { email: `viewer-${randomBytes(3).toString("hex")}@example.com` } });
    await db.membership.create({ data: { teamId: h.ctx.teamId, userId: viewer.id, role: "viewer" } });
    const other = await db.team.create({ data: { name: "Other" } });
    const outsider = await db.user.create({ data: { email: `outsider-${randomBytes(3).toString("hex")}@example.com` } });
    await db.membership.create({ data: { teamId: other.id, userId: outsider.id, role: "owner" } });
    const as = async (userId: string | null, method: string, path: string, body?: string) =>
      new Request(`http://localhost${path}`, { method, body, headers: { ...(userId ? { cookie: await sessionCookie(userId) } : {}), ...from, ...(body ? { "content-type": "application/json" } : {}) } });

    const client = await getSalesforceClient(h.ctx.teamId, h.connectionId);
    const sfJob = await client.bulkV2.createQueryJob("SELECT Id FROM Account", { lineEnding: "LF" });
    const path = `/api/orgs/${h.connectionId}/jobs`;
    const params = { id: h.connectionId };
    expect((await callRoute(routes.GET, await as(null, "GET", path), params)).status).toBe(401);
    expect((await callRoute(routes.GET, await as(outsider.id, "GET", path), params)).status).toBe(404);
    const listed = (await (await callRoute(routes.GET, await as(viewer.id, "GET", path), params)).json()) as { jobs: { id: string; jobType: string; watchedJobId: string | null }[] };
    expect(listed.jobs.find((job) => job.id === sfJob.id)).toMatchObject({ jobType: "V2Query", watchedJobId: null });

    const body = JSON.stringify({ sfJobId: sfJob.id, jobType: "V2Query" });
    expect((await callRoute(routes.POST, await as(viewer.id, "POST", path, body), params)).status).toBe(403);
    expect((await callRoute(routes.POST, await as(outsider.id, "POST", path, body), params)).status).toBe(404);
    const bad = await callRoute(routes.POST, await as(h.ctx.user.id, "POST", path, JSON.stringify({ sfJobId: "x", jobType: "V2Query" })), params);
    expect(bad.status).toBe(422);
    const attached = await callRoute(routes.POST, await as(h.ctx.user.id, "POST", path, body), params);
    expect(attached.status).toBe(201);
    const { id } = (await attached.json()) as { id: string };
    expect((await callRoute(routes.POST, await as(h.ctx.user.id, "POST", path, body), params)).status).toBe(409);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { teamId: h.ctx.teamId, targetId: id } });
    expect(audit).toMatchObject({ action: "job.attached", actorId: h.ctx.user.id, ip: "203.0.113.7", details: { sfJobId: sfJob.id, jobType: "V2Query", object: "Account", operation: "query" } });

    const countPath = `/api/orgs/${h.connectionId}/query-count?soql=${encodeURIComponent("SELECT Id FROM Account GROUP BY Id")}`;
    expect((await callRoute(count, await as(null, "GET", countPath), params)).status).toBe(401);
    expect((await callRoute(count, await as(outsider.id, "GET", countPath), params)).status).toBe(404);
    expect(await (await callRoute(count, await as(viewer.id, "GET", countPath), params)).json()).toEqual({ count: null, reason: "GROUP BY queries are not counted in advance." });
  }, 60_000);
});
