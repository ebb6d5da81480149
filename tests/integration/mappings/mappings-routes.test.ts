/**
 * Saved mappings over GET/POST/DELETE /api/mappings, called as Next.js calls them: shared by the whole team
 * per object, managed by admins and owners only, audited, and invisible to other teams.
 */
import "../bulk-jobs/next-globals";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { callRoute, sessionCookie } from "../bulk-jobs/next-request";

let db: TestDatabase;
let lib: { getDb: typeof import("../../../lib/db").getDb; route: typeof import("../../../app/api/mappings/route") };
const cookies: Record<"owner" | "admin" | "member" | "viewer" | "outsider", string> = { owner: "", admin: "", member: "", viewer: "", outsider: "" };
let teamId: string;

const call = (method: "GET" | "POST" | "DELETE", query: string, who: keyof typeof cookies | null, body?: unknown) => {
  const handler = lib.route[method];
  const headers: Record<string, string> = who ? { cookie: cookies[who] } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  return callRoute(handler, new Request(`http://localhost/api/mappings${query}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), {});
};

const mapping = {
  columns: { "Account Name": "Name", Employees: "NumberOfEmployees", Parent: "Parent.External_Id__c" },
  constants: { AccountSource: "Web" },
  dates: { Since: { kind: "datetime", format: "dmy", timeZone: "Europe/Paris" } },
};

beforeAll(async () => {
  db = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: db.url, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), NEXTAUTH_URL: "http://localhost", LOG_LEVEL: "silent" });
  lib = { getDb: (await import("../../../lib/db")).getDb, route: await import("../../../app/api/mappings/route") };
  const prisma = lib.getDb();
  teamId = (await prisma.team.create({ data: { name: "Data team" } })).id;
  const other = (await prisma.team.create({ data: { name: "Other team" } })).id;
  for (const role of ["owner", "admin", "member", "viewer", "outsider"] as const) {
    const user = await prisma.user.create({ data: { email: `${role}-${randomBytes(3).toString("hex")}@example.com` } });
    await prisma.membership.create({ data: { teamId: role === "outsider" ? other : teamId, userId: user.id, role: role === "outsider" ? "owner" : role } });
    cookies[role] = await sessionCookie(user.id);
  }
});

afterAll(async () => {
  await lib?.getDb().$disconnect();
  await db?.drop();
});

describe("saved mappings", () => {
  it("lets an admin save one that every member of the team then lists for that object", async () => {
    const saved = await call("POST", "", "admin", { object: "Account", name: "Monthly accounts", mapping });
    expect(saved.status).toBe(201);
    const { mapping: row } = (await saved.json()) as { mapping: { id: string; mapping: unknown; createdBy: string } };
    expect(row.mapping).toEqual(mapping);
    expect(row.createdBy).toMatch(/^admin-/);

    for (const who of ["viewer", "member", "owner"] as const) {
      const listed = (await (await call("GET", "?object=Account", who)).json()) as { mappings: { name: string }[]; canManage: boolean };
      expect(listed.mappings.map((m) => m.name)).toEqual(["Monthly accounts"]);
      expect(listed.canManage).toBe(who === "owner");
    }
    const contacts = (await (await call("GET", "?object=Contact", "member")).json()) as { mappings: unknown[] };
    expect(contacts.mappings).toEqual([]);

    const event = await lib.getDb().auditEvent.findFirst({ where: { teamId, action: "mapping.saved" } });
    expect(event).toMatchObject({ targetType: "saved_mapping", targetId: row.id });
    expect(event?.details).toMatchObject({ object: "Account", name: "Monthly accounts", columns: 3, replaced: false });
  });

  it("replaces a mapping saved again under the same name instead of duplicating it", async () => {
    const again = await call("POST", "", "owner", { object: "Account", name: "Monthly accounts", mapping: { columns: { Name: "Name" } } });
    expect(again.status).toBe(200);
    const listed = (await (await call("GET", "?object=Account", "member")).json()) as { mappings: { mapping: unknown }[] };
    expect(listed.mappings).toHaveLength(1);
    expect(listed.mappings[0].mapping).toEqual({ columns: { Name: "Name" }, constants: {}, dates: {} });
  });

  it("refuses members and viewers (403), anyone signed out (401) and bad input (422)", async () => {
    for (const who of ["member", "viewer"] as const) {
      const response = await call("POST", "", who, { object: "Account", name: "Mine", mapping });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/admin role/);
    }
    expect((await call("POST", "", null, { object: "Account", name: "Mine", mapping })).status).toBe(401);
    expect((await call("GET", "?object=Account", null)).status).toBe(401);
    const bad = await call("POST", "", "admin", { object: "Account; DROP", name: "", mapping: { dates: { X: { kind: "date", format: "ymd" } } } });
    expect(bad.status).toBe(422);
    const { error } = (await bad.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(["object", "name", "mapping.dates.X.format"]));
  });

  it("keeps another team's mappings invisible: not listed, and 404 on delete", async () => {
    const listed = (await (await call("GET", "?object=Account", "outsider")).json()) as { mappings: unknown[] };
    expect(listed.mappings).toEqual([]);
    const [{ id }] = ((await (await call("GET", "?object=Account", "member")).json()) as { mappings: { id: string }[] }).mappings;
    expect((await call("DELETE", `?id=${id}`, "outsider")).status).toBe(404);
    expect((await call("DELETE", `?id=${id}`, "member")).status).toBe(403);
    expect((await call("DELETE", `?id=${id}`, "admin")).status).toBe(200);
    expect(((await (await call("GET", "?object=Account", "member")).json()) as { mappings: unknown[] }).mappings).toEqual([]);
    expect(await lib.getDb().auditEvent.count({ where: { teamId, action: "mapping.deleted", targetId: id } })).toBe(1);
  });
});
