import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../support/database";
import { meta, useAppDatabase } from "../auth/app-database";

let db: TestDatabase;
let lib: {
  signIn: typeof import("@/lib/teams/sign-in");
  access: typeof import("@/lib/teams/access");
  data: typeof import("@/lib/teams/data");
  mutations: typeof import("@/lib/teams/mutations");
  crypto: typeof import("@/lib/crypto");
  getDb: typeof import("@/lib/db").getDb;
};

beforeAll(async () => {
  db = await useAppDatabase();
  lib = {
    signIn: await import("@/lib/teams/sign-in"),
    access: await import("@/lib/teams/access"),
    data: await import("@/lib/teams/data"),
    mutations: await import("@/lib/teams/mutations"),
    crypto: await import("@/lib/crypto"),
    getDb: (await import("@/lib/db")).getDb,
  };
});

afterAll(async () => {
  await lib?.getDb().$disconnect();
  await db?.drop();
});

const password = "a long enough password";

async function newUser(email: string) {
  const { userId, teamId } = await lib.signIn.signUp({ email, password, name: "", teamName: "", inviteToken: "" }, meta);
  const user = (await lib.data.getUserById(userId))!;
  return { user, teamId };
}

describe("sign-up and sign-in", () => {
  it("the first sign-up creates a team with the user as owner, and audits it", async () => {
    const { user, teamId } = await newUser("owner@example.com");
    expect(await lib.data.getMembershipRole(teamId, user.id)).toBe("owner");
    expect((await lib.data.getTeam(teamId))?.name).toBe("owner's team");
    const stored = await lib.getDb().user.findUnique({ where: { id: user.id } });
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    const events = await lib.getDb().auditEvent.findMany({ where: { actorId: user.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["auth.sign_up", "team.created"]);
    expect(events[0].ip).toBe("203.0.113.7");
  });

  it("refuses a second account with the same email, beside the field", async () => {
    await expect(lib.signIn.signUp({ email: "owner@example.com", password, name: "", teamName: "", inviteToken: "" }, meta)).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { email: expect.stringMatching(/already exists/) },
    });
  });

  it("signs in with the right password and audits success and failure", async () => {
    const user = await lib.signIn.verifyCredentials({ email: "OWNER@example.com ", password }, meta);
    expect(user.email).toBe("owner@example.com");
    await expect(lib.signIn.verifyCredentials({ email: "owner@example.com", password: "nope" }, meta)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "That email and password do not match an account.",
    });
    const actions = (await lib.getDb().auditEvent.findMany({ where: { actorEmail: "owner@example.com" } })).map((e) => e.action);
    expect(actions).toContain("auth.sign_in");
    expect(actions).toContain("auth.sign_in_failed");
    const failures = await lib.getDb().auditEvent.findMany({ where: { action: "auth.sign_in_failed" } });
    expect(JSON.stringify(failures)).not.toContain("nope");
  });

  it("locks an account after 5 failures in a row, even with the right password, with a clear message", async () => {
    await newUser("target@example.com");
    const now = new Date();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expect(lib.signIn.verifyCredentials({ email: "target@example.com", password: "guess" + attempt }, meta, now)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    await expect(lib.signIn.verifyCredentials({ email: "target@example.com", password: "guess5" }, meta, now)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many failed sign-ins for this account. Try again in 1 minute.",
    });
    await expect(lib.signIn.verifyCredentials({ email: "target@example.com", password }, meta, now)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Other accounts are unaffected; after the lock expires the right password works and clears the count.
    await expect(lib.signIn.verifyCredentials({ email: "owner@example.com", password }, meta, now)).resolves.toBeTruthy();
    const later = new Date(now.getTime() + 31_000);
    await expect(lib.signIn.verifyCredentials({ email: "target@example.com", password }, meta, later)).resolves.toMatchObject({ email: "target@example.com" });
    expect(await lib.data.getSignInThrottle("target@example.com")).toBeNull();
    expect(await lib.getDb().auditEvent.count({ where: { action: "auth.sign_in_locked", actorEmail: "target@example.com" } })).toBe(1);
  });

  it("throttles unknown emails the same way, so the answer does not reveal which accounts exist", async () => {
    const now = new Date();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expect(lib.signIn.verifyCredentials({ email: "ghost@example.com", password: "x" }, meta, now)).rejects.toMatchObject({
        message: "That email and password do not match an account.",
      });
    }
    await expect(lib.signIn.verifyCredentials({ email: "ghost@example.com", password: "x" }, meta, now)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("memberships, roles and invites", () => {
  it("404 for a team the user is not in, 403 below the role, and role changes apply on the next call", async () => {
    const a = await newUser("alice@example.com");
    const b = await newUser("bob@example.com");
    await expect(lib.access.resolveMembership(b.user, "viewer", a.teamId)).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });

    const token = lib.crypto.randomToken();
    const inviteId = await lib.mutations.createInvite({
      teamId: a.teamId,
      role: "viewer",
      email: null,
      tokenHash: lib.crypto.sha256(token),
      expiresAt: new Date(Date.now() + 86_400_000),
      createdById: a.user.id,
    });
    await lib.mutations.acceptInvite(inviteId, b.user.id);
    const bob = (await lib.data.getUserById(b.user.id))!;
    expect(bob.currentTeamId).toBe(a.teamId);
    await expect(lib.access.resolveMembership(bob, "viewer")).resolves.toMatchObject({ teamId: a.teamId, role: "viewer" });
    await expect(lib.access.resolveMembership(bob, "member")).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });

    await lib.mutations.updateMemberRole(a.teamId, bob.id, "member");
    await expect(lib.access.resolveMembership(bob, "member")).resolves.toMatchObject({ role: "member" });

    await lib.mutations.removeMember(a.teamId, bob.id);
    await expect(lib.access.resolveMembership(bob, "viewer", a.teamId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Without an explicit team Bob falls back to his own team.
    await expect(lib.access.resolveMembership((await lib.data.getUserById(bob.id))!, "owner")).resolves.toMatchObject({ teamId: b.teamId });
  });

  it("an invite works once, and never after it expired or was revoked", async () => {
    const a = await newUser("carol@example.com");
    const d = await newUser("dave@example.com");
    const make = (expiresAt: Date) =>
      lib.mutations.createInvite({ teamId: a.teamId, role: "member", email: null, tokenHash: lib.crypto.sha256(lib.crypto.randomToken()), expiresAt, createdById: a.user.id });
    const expired = await make(new Date(Date.now() - 1000));
    await expect(lib.mutations.acceptInvite(expired, d.user.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const revoked = await make(new Date(Date.now() + 60_000));
    expect(await lib.mutations.revokeInvite(a.teamId, revoked)).toBe(true);
    await expect(lib.mutations.acceptInvite(revoked, d.user.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const good = await make(new Date(Date.now() + 60_000));
    await expect(lib.mutations.acceptInvite(good, d.user.id)).resolves.toMatchObject({ role: "member" });
    await expect(lib.mutations.acceptInvite(good, d.user.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another team's admin cannot revoke this team's invites.
    const pending = await make(new Date(Date.now() + 60_000));
    expect(await lib.mutations.revokeInvite(d.teamId, pending)).toBe(false);
  });

  it("signing up through an invite joins that team only", async () => {
    const a = await newUser("erin@example.com");
    const token = lib.crypto.randomToken();
    await lib.mutations.createInvite({ teamId: a.teamId, role: "viewer", email: null, tokenHash: lib.crypto.sha256(token), expiresAt: new Date(Date.now() + 60_000), createdById: a.user.id });
    const { userId, teamId } = await lib.signIn.signUp({ email: "frank@example.com", password, name: "Frank", teamName: "", inviteToken: token }, meta);
    expect(teamId).toBe(a.teamId);
    expect(await lib.data.listTeamsOfUser(userId)).toEqual([{ teamId: a.teamId, teamName: "erin's team", role: "viewer" }]);
  });

  it("a team always keeps an owner; ownership moves with a transfer", async () => {
    const a = await newUser("grace@example.com");
    await expect(lib.mutations.updateMemberRole(a.teamId, a.user.id, "admin")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(lib.mutations.removeMember(a.teamId, a.user.id)).rejects.toMatchObject({ code: "CONFLICT" });
    const h = await newUser("heidi@example.com");
    const inviteId = await lib.mutations.createInvite({ teamId: a.teamId, role: "member", email: null, tokenHash: lib.crypto.sha256("t-heidi"), expiresAt: new Date(Date.now() + 60_000), createdById: a.user.id });
    await lib.mutations.acceptInvite(inviteId, h.user.id);
    await lib.mutations.transferOwnership(a.teamId, a.user.id, h.user.id);
    expect(await lib.data.getMembershipRole(a.teamId, h.user.id)).toBe("owner");
    expect(await lib.data.getMembershipRole(a.teamId, a.user.id)).toBe("admin");
  });

  it("the audit log is append-only", async () => {
    await expect(lib.getDb().auditEvent.updateMany({ data: { action: "x" } })).rejects.toThrow(/append-only/);
    await expect(lib.getDb().auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
  });

  it("sign out everywhere bumps the session version", async () => {
    const { user } = await newUser("ivan@example.com");
    await lib.mutations.bumpSessionVersion(user.id);
    expect((await lib.data.getUserById(user.id))?.sessionVersion).toBe(user.sessionVersion + 1);
  });
});
