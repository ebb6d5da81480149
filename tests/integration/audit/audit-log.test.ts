import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../support/database";
import { meta, useAppDatabase } from "../auth/app-database";

let db: TestDatabase;
let audit: typeof import("@/lib/audit/data");
let record: typeof import("@/lib/audit/mutations").recordAuditEvent;
let getDb: typeof import("@/lib/db").getDb;

const TEAM_A = "team-a";
const TEAM_B = "team-b";

beforeAll(async () => {
  db = await useAppDatabase();
  audit = await import("@/lib/audit/data");
  record = (await import("@/lib/audit/mutations")).recordAuditEvent;
  getDb = (await import("@/lib/db")).getDb;
  const db_ = getDb();
  await db_.team.createMany({ data: [{ id: TEAM_A, name: "A" }, { id: TEAM_B, name: "B" }] });
  await db_.user.createMany({ data: [{ id: "ann", email: "ann@a.test" }, { id: "bea", email: "bea@b.test" }] });
  await db_.membership.createMany({ data: [{ teamId: TEAM_A, userId: "ann", role: "owner" }, { teamId: TEAM_B, userId: "bea", role: "owner" }] });
  await record({ action: "auth.sign_in", actor: { id: "ann", email: "ann@a.test" }, meta });
  await record({ action: "auth.sign_in_failed", actor: { id: null, email: "ann@a.test" }, meta });
  await record({ action: "auth.sign_in", actor: { id: "bea", email: "bea@b.test" }, meta });
  await record({ action: "org.connected", teamId: TEAM_A, actor: { id: "ann", email: "ann@a.test" }, target: { type: "org_connection", id: "c1" }, details: { label: "Prod", accessToken: "00D!secret", note: "line1\nline2" }, meta });
  await record({ action: "org.connected", teamId: TEAM_B, actor: { id: "bea", email: "bea@b.test" }, meta });
});

afterAll(async () => {
  await getDb?.().$disconnect();
  await db?.drop();
});

describe("audit log", () => {
  it("shows a team its own events and its members' sign-ins, never another team's", async () => {
    const { events } = await audit.listAuditEvents(TEAM_A, { page: 1 });
    expect(events.map((e) => e.action).sort()).toEqual(["auth.sign_in", "auth.sign_in_failed", "org.connected"]);
    expect(events.every((e) => e.actorEmail === "ann@a.test")).toBe(true);
  });

  it("filters by event, person and UTC date", async () => {
    expect((await audit.listAuditEvents(TEAM_A, { page: 1, action: "org.connected" })).events).toHaveLength(1);
    expect((await audit.listAuditEvents(TEAM_A, { page: 1, actor: "ANN@" })).events).toHaveLength(3);
    expect((await audit.listAuditEvents(TEAM_A, { page: 1, actor: "bea" })).events).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await audit.listAuditEvents(TEAM_A, { page: 1, from: today, to: today })).events).toHaveLength(3);
    expect((await audit.listAuditEvents(TEAM_A, { page: 1, to: "2020-01-01" })).events).toHaveLength(0);
  });

  it("drops secret-looking details and control characters, and records where from", async () => {
    const [event] = (await audit.listAuditEvents(TEAM_A, { page: 1, action: "org.connected" })).events;
    expect(event.details).toEqual({ label: "Prod", note: "line1 line2" });
    expect(event.ip).toBe("203.0.113.7");
    expect(event.userAgent).toBe("vitest");
  });
});
