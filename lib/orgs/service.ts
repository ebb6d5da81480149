/** Connecting, testing and disconnecting orgs: the orchestration behind the actions and routes. */
import { recordAuditEvent, type RequestMeta } from "../audit";
import type { MembershipContext } from "../teams/access";
import { AppError } from "../errors";
import { getConnectionWithSecrets } from "./data";
import { createConnection, deleteConnection, recordConnectionCheck } from "./mutations";
import { assertAllowedSalesforceUrl, normalizeLoginHost } from "./hosts";
import { DEFAULT_API_VERSION, fetchDailyApiUsage, revokeToken, SalesforceAuthError, soapLogin } from "./salesforce-port";
import { openSecrets } from "./secrets";
import { getOrgSession } from "./session";
import type { PasswordConnectInput } from "./schema";

const actorOf = (ctx: MembershipContext) => ({ id: ctx.user.id, email: ctx.user.email });

export function loginUrlFor(target: { environment: "production" | "sandbox" | "custom"; customHost: string }): string {
  if (target.environment === "production") return "https://login.salesforce.com";
  if (target.environment === "sandbox") return "https://test.salesforce.com";
  return assertAllowedSalesforceUrl(normalizeLoginHost(target.customHost));
}

/** Legacy username + password + security token (SOAP login()). */
export async function connectWithPassword(
  ctx: MembershipContext,
  input: PasswordConnectInput & { loginUrl?: string; method?: "soap" | "demo" },
  meta: RequestMeta,
): Promise<string> {
  const loginUrl = input.loginUrl ?? loginUrlFor(input);
  const method = input.method ?? "soap";
  let login;
  try {
    login = await soapLogin({ loginUrl, username: input.username, password: input.password, securityToken: input.securityToken });
  } catch (error) {
    await recordAuditEvent({
      action: "org.connect_failed",
      teamId: ctx.teamId,
      actor: actorOf(ctx),
      details: { method, loginHost: new URL(loginUrl).host, username: input.username, error: (error as Error).message },
      meta,
    });
    throw error;
  }
  const id = await createConnection(
    {
      teamId: ctx.teamId,
      label: input.label,
      method,
      loginUrl,
      instanceUrl: login.instanceUrl,
      sfOrgId: login.orgId,
      sfUserId: login.userId,
      sfUsername: login.username,
      isSandbox: login.isSandbox || input.environment === "sandbox",
      apiVersion: DEFAULT_API_VERSION,
      clientId: null,
      createdById: ctx.user.id,
    },
    { accessToken: login.sessionId, password: input.password, securityToken: input.securityToken },
  );
  await recordAuditEvent({
    action: "org.connected",
    teamId: ctx.teamId,
    actor: actorOf(ctx),
    target: { type: "org_connection", id },
    details: { method, label: input.label, orgId: login.orgId, username: login.username, loginHost: new URL(loginUrl).host },
    meta,
  });
  return id;
}

export interface ConnectionTestResult {
  ok: boolean;
  message: string;
}

/** Calls `/limits` (refreshing the session once if it expired) and records the daily API usage. */
export async function testConnection(ctx: MembershipContext, connectionId: string, meta: RequestMeta): Promise<ConnectionTestResult> {
  let result: ConnectionTestResult;
  try {
    const session = await getOrgSession(ctx.teamId, connectionId);
    const request = () => fetchDailyApiUsage({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, apiVersion: session.apiVersion });
    let usage;
    try {
      usage = await request();
    } catch (error) {
      if (!(error instanceof SalesforceAuthError) || error.errorCode !== "INVALID_SESSION_ID") throw error;
      await session.refresh(session.accessToken);
      usage = await request();
    }
    await recordConnectionCheck(ctx.teamId, connectionId, { ok: true, dailyApiMax: usage.max, dailyApiRemaining: usage.remaining });
    result = { ok: true, message: `Connected. ${usage.remaining.toLocaleString("en-US")} of ${usage.max.toLocaleString("en-US")} daily API requests left.` };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") throw error;
    const message = error instanceof AppError ? error.message : "The test failed unexpectedly.";
    await recordConnectionCheck(ctx.teamId, connectionId, { ok: false, error: message });
    result = { ok: false, message };
    if (message.startsWith("Reconnect required")) {
      await recordAuditEvent({ action: "org.reconnect_required", teamId: ctx.teamId, actor: actorOf(ctx), target: { type: "org_connection", id: connectionId }, details: { reason: message }, meta });
    }
  }
  await recordAuditEvent({
    action: "org.tested",
    teamId: ctx.teamId,
    actor: actorOf(ctx),
    target: { type: "org_connection", id: connectionId },
    details: { ok: result.ok, result: result.message },
    meta,
  });
  return result;
}

/** Revokes the token at Salesforce, then forgets the connection (even when Salesforce cannot be reached). */
export async function disconnect(ctx: MembershipContext, connectionId: string, meta: RequestMeta): Promise<{ revoked: boolean }> {
  const connection = await getConnectionWithSecrets(ctx.teamId, connectionId);
  if (!connection) throw new AppError("NOT_FOUND", "Org connection not found.");
  let revoked = false;
  try {
    const secrets = openSecrets(ctx.teamId, connectionId, connection.secrets);
    const token = secrets.refreshToken ?? secrets.accessToken;
    if (token) {
      await revokeToken({ loginUrl: connection.loginUrl, token });
      revoked = true;
    }
  } catch {
    revoked = false;
  }
  await deleteConnection(ctx.teamId, connectionId);
  await recordAuditEvent({
    action: "org.disconnected",
    teamId: ctx.teamId,
    actor: actorOf(ctx),
    target: { type: "org_connection", id: connectionId },
    details: { label: connection.label, orgId: connection.sfOrgId, revoked },
    meta,
  });
  return { revoked };
}
