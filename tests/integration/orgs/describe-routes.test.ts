/**
 * The wizard's describe routes, called as Next.js calls them (request scope, session cookie), against the
 * emulator over HTTP: describeGlobal, describe as ObjectInfo, limits, and who may see what.
 */
import "../bulk-jobs/next-globals";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { createHarness, type Harness } from "../jobs/harness";
import { callRoute, sessionCookie } from "../bulk-jobs/next-request";

process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64");
process.env.NEXTAUTH_URL = "http://localhost";

const routes = {
  objects: () => import("../../../app/api/orgs/[id]/objects/route"),
  object: () => import("../../../app/api/orgs/[id]/objects/[object]/route"),
  limits: () => import("../../../app/api/orgs/[id]/limits/route"),
};

let h: Harness;
let owner: string;
let viewer: string;
let outsider: string;

const get = (path: string, cookie: string | null) => new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  h = await createHarness();
  const db = getDb();
  const addUser = async (teamId: string, role: "owner" | "viewer") => {
    const user = await db.user.create({ data: { email: `${role}-${randomBytes(3).toString("hex")}@example.com` } });
    await db.membership.create({ data: { teamId, userId: user.id, role } });
    return sessionCookie(user.id);
  };
  owner = await sessionCookie(h.ctx.user.id);
  viewer = await addUser(h.ctx.teamId, "viewer");
  outsider = await addUser((await db.team.create({ data: { name: "Other team" } })).id, "owner");
});
afterAll(() => h?.close());

describe("GET /api/orgs/{id}/objects", () => {
  it("lists the org's objects with what each allows, for any member (viewers too)", async () => {
    const { GET } = await routes.objects();
    const response = await callRoute(GET, get(`/api/orgs/${h.connectionId}/objects`, viewer), { id: h.connectionId });
    expect(response.status).toBe(200);
    const { objects } = (await response.json()) as { objects: Record<string, unknown>[] };
    expect(objects.find((o) => o.name === "Account")).toEqual({ name: "Account", label: "Account", createable: true, updateable: true, deletable: true, queryable: true });
    const user = objects.find((o) => o.name === "User");
    expect(user).toMatchObject({ createable: false, queryable: true });
    expect(objects.find((o) => o.name === "Invoice__c")).toBeDefined();
  });

  it("answers 401 without a session and 404 for another team's connection or an unknown id", async () => {
    const { GET } = await routes.objects();
    expect((await callRoute(GET, get(`/api/orgs/${h.connectionId}/objects`, null), { id: h.connectionId })).status).toBe(401);
    const foreign = await callRoute(GET, get(`/api/orgs/${h.connectionId}/objects`, outsider), { id: h.connectionId });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({ error: { code: "NOT_FOUND", message: "Org connection not found." } });
    expect((await callRoute(GET, get(`/api/orgs/nope/objects`, owner), { id: "nope" })).status).toBe(404);
  });
});

describe("GET /api/orgs/{id}/objects/{object}", () => {
  it("returns the describe as ObjectInfo: types, lengths, external ids, picklists, references", async () => {
    const { GET } = await routes.object();
    const response = await callRoute(GET, get(`/api/orgs/${h.connectionId}/objects/Invoice__c`, owner), { id: h.connectionId, object: "Invoice__c" });
    expect(response.status).toBe(200);
    const info = (await response.json()) as { name: string; fields: Record<string, unknown>[] };
    expect(info.name).toBe("Invoice__c");
    const field = (name: string) => info.fields.find((f) => f.name === name);
    expect(field("External_Id__c")).toMatchObject({ externalId: true, idLookup: true, type: "string" });
    expect(field("Status__c")).toMatchObject({ type: "picklist", restrictedPicklist: true });
    expect((field("Status__c")!.picklistValues as { value: string }[]).map((v) => v.value)).toEqual(["Draft", "Sent", "Paid", "Void"]);
    const account = info.fields.find((f) => (f.referenceTo as string[]).includes("Account"));
    expect(account).toMatchObject({ type: "reference" });
    expect(account!.relationshipName).toBeTruthy();
  });

  it("names an unknown object clearly (404), refuses a malformed name (422) and hides other teams' connections", async () => {
    const { GET } = await routes.object();
    const unknown = await callRoute(GET, get(`/api/orgs/${h.connectionId}/objects/Nope__c`, owner), { id: h.connectionId, object: "Nope__c" });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/Salesforce does not know the object Nope__c/);
    const bad = await callRoute(GET, get(`/api/orgs/${h.connectionId}/objects/x`, owner), { id: h.connectionId, object: "../limits" });
    expect(bad.status).toBe(422);
    expect((await callRoute(GET, get(`/api/orgs/${h.connectionId}/objects/Account`, outsider), { id: h.connectionId, object: "Account" })).status).toBe(404);
  });
});

describe("GET /api/orgs/{id}/limits", () => {
  it("says what is left today of API requests, Bulk batches and Bulk 2.0 query jobs", async () => {
    const { GET } = await routes.limits();
    const response = await callRoute(GET, get(`/api/orgs/${h.connectionId}/limits`, viewer), { id: h.connectionId });
    expect(response.status).toBe(200);
    const limits = (await response.json()) as Record<string, { max: number; remaining: number }>;
    for (const key of ["dailyApiRequests", "dailyBulkApiBatches", "dailyBulkV2QueryJobs"]) {
      expect(limits[key].max).toBeGreaterThan(0);
      expect(limits[key].remaining).toBeGreaterThan(0);
      expect(limits[key].remaining).toBeLessThanOrEqual(limits[key].max);
    }
    expect((await callRoute(GET, get(`/api/orgs/${h.connectionId}/limits`, outsider), { id: h.connectionId })).status).toBe(404);
  });

  it("turns a connection that needs reconnecting into a clear message, not a 500", async () => {
    const db = getDb();
    const other = await db.orgConnection.findUniqueOrThrow({ where: { id: h.connectionId } });
    const copy = await db.orgConnection.create({
      data: { ...other, id: undefined, label: "Broken", status: "reconnect_required", createdAt: undefined, updatedAt: undefined } as never,
    });
    const { GET } = await routes.limits();
    const response = await callRoute(GET, get(`/api/orgs/${copy.id}/limits`, owner), { id: copy.id });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^Reconnect required/);
  });
});
