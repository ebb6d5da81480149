/**
 * The OAuth 2.0 web-server flow with PKCE. The state is one-time, expires in 10 minutes, is bound
 * to the initiating user (database row) and browser (cookie), and remembers the login host chosen,
 * so the code is exchanged at the same host that issued it (mix-up defence).
 */
import { recordAuditEvent, type RequestMeta } from "../audit";
import { randomToken, sha256 } from "../crypto";
import { getEnv } from "../env.mjs";
import { AppError } from "../errors";
import { resolveMembership } from "../teams/access";
import type { UserRecord } from "../teams/data";
import type { MembershipContext } from "../teams/access";
import { getOAuthState } from "./data";
import { createConnection, consumeOAuthState, replaceConnectionCredentials, saveOAuthState } from "./mutations";
import { buildAuthorizeUrl, createPkcePair, DEFAULT_API_VERSION, exchangeCode, fetchIdentity } from "./salesforce-port";
import { openOAuthState, sealOAuthState } from "./secrets";
import { oauthClientFor } from "./session";

export const OAUTH_STATE_COOKIE = "bc_org_oauth_state";
export const OAUTH_CALLBACK_PATH = "/api/orgs/oauth/callback";
const STATE_TTL_MS = 10 * 60 * 1000;

export async function startOAuth(
  ctx: MembershipContext,
  input: {
    loginUrl: string;
    label: string;
    isSandbox: boolean;
    origin: string;
    connectionId?: string | null;
    clientId?: string;
    clientSecret?: string;
    loginHint?: string;
  },
): Promise<{ state: string; authorizeUrl: string }> {
  const client = input.clientId && input.clientSecret
    ? { clientId: input.clientId, clientSecret: input.clientSecret }
    : oauthClientFor(input.loginUrl, {}, null);
  const state = randomToken(32);
  const stateHash = sha256(state);
  const { verifier, challenge } = createPkcePair();
  await saveOAuthState({
    stateHash,
    userId: ctx.user.id,
    teamId: ctx.teamId,
    loginUrl: input.loginUrl,
    label: input.label,
    isSandbox: input.isSandbox,
    connectionId: input.connectionId ?? null,
    sealedPayload: sealOAuthState(stateHash, { verifier, ...client }),
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });
  const authorizeUrl = buildAuthorizeUrl({
    loginUrl: input.loginUrl,
    clientId: client.clientId,
    redirectUri: input.origin + OAUTH_CALLBACK_PATH,
    state,
    challenge,
    loginHint: input.loginHint,
  });
  return { state, authorizeUrl };
}

const invalidState = () => new AppError("VALIDATION", "This sign-in to Salesforce expired or was started elsewhere. Start connecting again.", { status: 400 });

export async function completeOAuth(
  user: UserRecord,
  input: { state: string | null; code: string | null; error: string | null; errorDescription: string | null; cookieState: string | undefined; origin: string },
  meta: RequestMeta,
): Promise<{ connectionId: string; teamId: string; reconnected: boolean }> {
  if (!input.state || input.state !== input.cookieState) throw invalidState();
  const stateHash = sha256(input.state);
  const row = await getOAuthState(stateHash);
  if (!row || row.userId !== user.id || row.expiresAt <= new Date() || !(await consumeOAuthState(stateHash))) throw invalidState();
  const ctx = await resolveMembership(user, "admin", row.teamId);
  const actor = { id: user.id, email: user.email };
  if (input.error || !input.code) {
    const reason = input.errorDescription || input.error || "no authorization code";
    await recordAuditEvent({ action: "org.connect_failed", teamId: ctx.teamId, actor, details: { method: "oauth", error: reason }, meta });
    throw new AppError("SALESFORCE", `Salesforce did not authorize the connection: ${reason}.`);
  }
  const payload = openOAuthState(stateHash, row.verifier);
  const tokens = await exchangeCode({
    loginUrl: row.loginUrl,
    clientId: payload.clientId,
    clientSecret: payload.clientSecret,
    code: input.code,
    redirectUri: input.origin + OAUTH_CALLBACK_PATH,
    verifier: payload.verifier,
  });
  const identity = tokens.identityUrl ? await fetchIdentity(tokens.identityUrl, tokens.accessToken).catch(() => null) : null;
  const fromInstanceWide = getEnv().SALESFORCE_CLIENT_ID === payload.clientId || payload.clientId === "bulk-console-demo";
  const secrets = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? undefined,
    ...(fromInstanceWide ? {} : { clientSecret: payload.clientSecret }),
  };
  const identityFields = { sfOrgId: identity?.orgId ?? null, sfUserId: identity?.userId ?? null, sfUsername: identity?.username ?? null };
  if (row.connectionId) {
    await replaceConnectionCredentials(ctx.teamId, row.connectionId, { instanceUrl: tokens.instanceUrl, ...identityFields }, secrets);
    await recordAuditEvent({ action: "org.reconnected", teamId: ctx.teamId, actor, target: { type: "org_connection", id: row.connectionId }, details: { method: "oauth", username: identityFields.sfUsername }, meta });
    return { connectionId: row.connectionId, teamId: ctx.teamId, reconnected: true };
  }
  const connectionId = await createConnection(
    {
      teamId: ctx.teamId,
      label: row.label,
      method: "oauth",
      loginUrl: row.loginUrl,
      instanceUrl: tokens.instanceUrl,
      ...identityFields,
      isSandbox: row.isSandbox,
      apiVersion: DEFAULT_API_VERSION,
      clientId: fromInstanceWide ? null : payload.clientId,
      createdById: user.id,
    },
    secrets,
  );
  await recordAuditEvent({
    action: "org.connected",
    teamId: ctx.teamId,
    actor,
    target: { type: "org_connection", id: connectionId },
    details: { method: "oauth", label: row.label, orgId: identityFields.sfOrgId, username: identityFields.sfUsername, loginHost: new URL(row.loginUrl).host },
    meta,
  });
  return { connectionId, teamId: ctx.teamId, reconnected: false };
}
