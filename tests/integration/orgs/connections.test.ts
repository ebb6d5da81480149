import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../support/database";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";
import { meta, useAppDatabase } from "../auth/app-database";

let db: TestDatabase;
let emulator: TestEmulator;
let lib: {
  service: typeof import("@/lib/orgs/service");
  oauth: typeof import("@/lib/orgs/oauth-flow");
  orgs: typeof import("@/lib/orgs/index");
  data: typeof import("@/lib/orgs/data");
  signIn: typeof import("@/lib/teams/sign-in");
  access: typeof import("@/lib/teams/access");
  teamData: typeof import("@/lib/teams/data");
  getDb: typeof import("@/lib/db").getDb;
};
type Ctx = Awaited<ReturnType<typeof import("@/lib/teams/access").resolveMembership>>;
let alice: Ctx;
let bob: Ctx;

const ORIGIN = "http://127.0.0.1:3999";

async function member(email: string): Promise<Ctx> {
  const { userId } = await lib.signIn.signUp({ email, password: "a long enough password", name: "", teamName: "", inviteToken: "" }, meta);
  return lib.access.resolveMembership((await lib.teamData.getUserById(userId))!, "owner");
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  db = await useAppDatabase({ EMULATOR_PORT: String(emulator.port), EMULATOR_PUBLIC_URL: emulator.url });
  lib = {
    service: await import("@/lib/orgs/service"),
    oauth: await import("@/lib/orgs/oauth-flow"),
    orgs: await import("@/lib/orgs/index"),
    data: await import("@/lib/orgs/data"),
    signIn: await import("@/lib/teams/sign-in"),
    access: await import("@/lib/teams/access"),
    teamData: await import("@/lib/teams/data"),
    getDb: (await import("@/lib/db")).getDb,
  };
  alice = await member("alice@example.com");
  bob = await member("bob@example.com");
});

afterAll(async () => {
  await lib?.getDb().$disconnect();
  await db?.drop();
  await emulator?.close();
});

const passwordInput = (overrides: Partial<{ username: string; password: string; securityToken: string }> = {}) => ({
  label: "Demo via password",
  environment: "custom" as const,
  customHost: "",
  username: emulator.demo.username,
  password: emulator.demo.password,
  securityToken: emulator.demo.securityToken,
  loginUrl: emulator.url,
  ...overrides,
});

/** Follows the emulator's consent page as a person would: log in and allow. */
async function authorizeInEmulator(authorizeUrl: string, username = emulator.demo.username): Promise<URL> {
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("username", username);
  form.set("password", emulator.demo.password);
  form.set("decision", "allow");
  const response = await fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

describe("username + password + security token (SOAP login)", () => {
  it("connects and shows org id, user, instance and sandbox flag", async () => {
    const id = await lib.service.connectWithPassword(alice, passwordInput(), meta);
    const connection = await lib.data.getConnection(alice.teamId, id);
    expect(connection).toMatchObject({
      method: "soap",
      status: "active",
      sfUsername: emulator.demo.username,
      sfOrgId: emulator.demo.orgId,
      isSandbox: false,
      apiVersion: "66.0",
    });
    expect(connection?.instanceUrl).toBe(new URL(emulator.url).origin);
    expect(connection).not.toHaveProperty("secrets");
  });

  it("connects the sandbox user as a sandbox", async () => {
    const id = await lib.service.connectWithPassword(alice, passwordInput({ username: emulator.demo.sandboxUsername }), meta);
    expect((await lib.data.getConnection(alice.teamId, id))?.isSandbox).toBe(true);
  });

  it("fails with Salesforce's own clear message and audits the attempt without the password", async () => {
    await expect(lib.service.connectWithPassword(alice, passwordInput({ password: "wrong-password" }), meta)).rejects.toMatchObject({
      code: "SALESFORCE",
      message: "Salesforce refused the login: INVALID_LOGIN: Invalid username, password, security token; or user locked out.",
    });
    const event = await lib.getDb().auditEvent.findFirst({ where: { action: "org.connect_failed" } });
    expect(event?.details).toMatchObject({ method: "soap", username: emulator.demo.username });
    expect(JSON.stringify(event)).not.toContain("wrong-password");
  });

  it("refuses a login host outside the allow-list before any request", async () => {
    await expect(
      lib.service.connectWithPassword(alice, { ...passwordInput(), loginUrl: undefined, environment: "custom", customHost: "evil.example.com" }, meta),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/evil\.example\.com is not an allowed Salesforce host/) });
  });
});

describe("OAuth web-server flow with PKCE", () => {
  it("connects through the consent page and stores refresh + access tokens", async () => {
    const { state, authorizeUrl } = await lib.oauth.startOAuth(alice, { loginUrl: emulator.url, label: "Demo via OAuth", isSandbox: false, origin: ORIGIN });
    expect(new URL(authorizeUrl).searchParams.get("code_challenge_method")).toBe("S256");
    const callback = await authorizeInEmulator(authorizeUrl);
    expect(callback.origin + callback.pathname).toBe(ORIGIN + lib.oauth.OAUTH_CALLBACK_PATH);
    const input = { state: callback.searchParams.get("state"), code: callback.searchParams.get("code"), error: null, errorDescription: null, origin: ORIGIN };

    // The state is bound to the browser (cookie) and to the user who started the flow.
    await expect(lib.oauth.completeOAuth(alice.user, { ...input, cookieState: "other" }, meta)).rejects.toMatchObject({ status: 400 });
    await expect(lib.oauth.completeOAuth(bob.user, { ...input, cookieState: state }, meta)).rejects.toMatchObject({ status: 400 });

    const { connectionId } = await lib.oauth.completeOAuth(alice.user, { ...input, cookieState: state }, meta);
    const connection = await lib.data.getConnection(alice.teamId, connectionId);
    expect(connection).toMatchObject({ method: "oauth", sfUsername: emulator.demo.username, sfOrgId: emulator.demo.orgId, status: "active" });
    // One-time state: replaying the callback fails.
    await expect(lib.oauth.completeOAuth(alice.user, { ...input, cookieState: state }, meta)).rejects.toMatchObject({ status: 400 });

    const result = await lib.service.testConnection(alice, connectionId, meta);
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/daily API requests left/);
    const tested = await lib.data.getConnection(alice.teamId, connectionId);
    expect(tested?.dailyApiMax).toBeGreaterThan(0);
    expect(tested?.lastTestedAt).toBeInstanceOf(Date);
  });

  it("refreshes an expired session once, even with concurrent callers, and keeps working", async () => {
    const { state, authorizeUrl } = await lib.oauth.startOAuth(alice, { loginUrl: emulator.url, label: "Refresh me", isSandbox: false, origin: ORIGIN });
    const callback = await authorizeInEmulator(authorizeUrl);
    const { connectionId } = await lib.oauth.completeOAuth(
      alice.user,
      { state, code: callback.searchParams.get("code"), error: null, errorDescription: null, cookieState: state, origin: ORIGIN },
      meta,
    );
    const sessions = await Promise.all([1, 2, 3].map(() => lib.orgs.getOrgClient(alice.teamId, connectionId)));
    const stale = sessions[0].accessToken;
    await emulator.admin("POST", "sessions/expire", {});
    const refreshed = await Promise.all(sessions.map((session) => session.refresh(stale)));
    expect(new Set(refreshed).size).toBe(1);
    expect(refreshed[0]).not.toBe(stale);
    expect((await lib.service.testConnection(alice, connectionId, meta)).ok).toBe(true);
  });

  it("marks the connection Reconnect required when Salesforce refuses the refresh token", async () => {
    const { state, authorizeUrl } = await lib.oauth.startOAuth(alice, { loginUrl: emulator.url, label: "Revoked", isSandbox: false, origin: ORIGIN });
    const callback = await authorizeInEmulator(authorizeUrl);
    const { connectionId } = await lib.oauth.completeOAuth(
      alice.user,
      { state, code: callback.searchParams.get("code"), error: null, errorDescription: null, cookieState: state, origin: ORIGIN },
      meta,
    );
    // Revoke the refresh token behind our back (as an org admin would), then expire the session.
    const client = new pg.Client({ connectionString: emulator.databaseUrl });
    await client.connect();
    try {
      await client.query("UPDATE emulator.refresh_tokens SET revoked = true");
    } finally {
      await client.end();
    }
    await emulator.admin("POST", "sessions/expire", {});
    const result = await lib.service.testConnection(alice, connectionId, meta);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Reconnect required/);
    expect((await lib.data.getConnection(alice.teamId, connectionId))?.status).toBe("reconnect_required");
    await expect(lib.orgs.getOrgClient(alice.teamId, connectionId)).rejects.toMatchObject({ message: expect.stringMatching(/Reconnect required/) });
  });
});

describe("isolation, disconnect and secrets at rest", () => {
  it("another team cannot reach this team's connections", async () => {
    const [connection] = await lib.data.listConnections(alice.teamId);
    expect(await lib.data.getConnection(bob.teamId, connection.id)).toBeNull();
    await expect(lib.orgs.getOrgClient(bob.teamId, connection.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(lib.service.testConnection(bob, connection.id, meta)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(lib.service.disconnect(bob, connection.id, meta)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await lib.data.getConnection(alice.teamId, connection.id)).not.toBeNull();
  });

  it("stores no secret in plaintext anywhere in the app database", async () => {
    const secrets = [emulator.demo.password, emulator.demo.securityToken, emulator.demo.oauthClientSecret, "a long enough password"];
    // The tokens Salesforce issued, read from the emulator's side.
    const sf = new pg.Client({ connectionString: emulator.databaseUrl });
    await sf.connect();
    const tokenTables = await sf.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'emulator' AND table_name IN ('sessions', 'refresh_tokens') AND data_type = 'text'`,
    );
    for (const { table_name, column_name } of tokenTables.rows) {
      const rows = await sf.query(`SELECT "${column_name}" AS v FROM emulator."${table_name}"`);
      for (const row of rows.rows) if (typeof row.v === "string" && row.v.length >= 20) secrets.push(row.v);
    }
    await sf.end();
    // Access tokens of live sessions and the refresh tokens of the OAuth connections.
    expect(secrets.length).toBeGreaterThan(8);

    const app = new pg.Client({ connectionString: db.url });
    await app.connect();
    const tables = await app.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    let everything = "";
    for (const { table_name } of tables.rows) {
      const rows = await app.query(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
      everything += rows.rows.map((row) => row.j).join("\n");
    }
    await app.end();
    expect(everything).toContain(emulator.demo.username);
    for (const secret of secrets) expect(everything.includes(secret), `found a plaintext secret of ${secret.length} chars`).toBe(false);
  });

  it("disconnect revokes the token at Salesforce and forgets the connection", async () => {
    const id = await lib.service.connectWithPassword(alice, passwordInput({}), meta);
    const session = await lib.orgs.getOrgClient(alice.teamId, id);
    const { revoked } = await lib.service.disconnect(alice, id, meta);
    expect(revoked).toBe(true);
    expect(await lib.data.getConnection(alice.teamId, id)).toBeNull();
    const limits = await fetch(`${session.instanceUrl}/services/data/v64.0/limits`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(limits.status).toBe(401);
    const actions = (await lib.getDb().auditEvent.findMany({ where: { teamId: alice.teamId, targetId: id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["org.connected", "org.disconnected"]));
  });
});

describe("lib/salesforce client for the job runner", () => {
  it("refreshes through the connection lock when Salesforce says the session expired, and persists the new token", async () => {
    const id = await lib.service.connectWithPassword(alice, passwordInput({ username: emulator.demo.username }), meta);
    const client = await lib.orgs.getSalesforceClient(alice.teamId, id);
    const before = client.session!.accessToken;
    await emulator.admin("POST", "sessions/expire", {});
    const limits = await client.rest.limits();
    expect(limits.DailyApiRequests.Max).toBeGreaterThan(0);
    expect(client.session!.accessToken).not.toBe(before);
    // The next client starts from the stored, refreshed token: no second refresh needed.
    const next = await lib.orgs.getOrgClient(alice.teamId, id);
    expect(next.accessToken).toBe(client.session!.accessToken);
  });
});
