/** `POST /services/oauth2/token`: authorization_code, refresh_token, password, client_credentials, JWT bearer. */
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import type { OAuthClientInfo, UserInfo } from "../../org";
import { createSession } from "../auth/sessions";
import { countApiRequest } from "../auth/usage";
import { decodeJwt, verifyRs256 } from "./jwt";

const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
// Signs responses when the client secret is not part of the request (refresh without secret, JWT).
const SIGNING_FALLBACK = randomBytes(32);

const invalidGrant = (description: string) => new ApiError(400, "invalid_grant", description);
const invalidClientId = () => new ApiError(400, "invalid_client_id", "client identifier invalid");
const invalidClient = () => new ApiError(400, "invalid_client", "invalid client credentials");

interface Credentials {
  clientId?: string;
  clientSecret?: string;
}

function basicCredentials(req: EmulatorRequest): Credentials {
  const header = req.header("authorization");
  const match = header ? /^Basic\s+(.+)$/i.exec(header.trim()) : null;
  if (!match) return {};
  const [clientId, ...secret] = Buffer.from(match[1], "base64").toString("utf8").split(":");
  return { clientId: decodeURIComponent(clientId), clientSecret: decodeURIComponent(secret.join(":")) };
}

async function requireClient(ctx: EmulatorContext, clientId: string | undefined, secret: string | undefined, secretRequired: boolean): Promise<OAuthClientInfo> {
  const client = clientId ? await ctx.store.getOAuthClient(clientId) : undefined;
  if (!client) throw invalidClientId();
  if (secret !== undefined ? !(await ctx.store.verifyOAuthClientSecret(client.clientId, secret)) : secretRequired) throw invalidClient();
  return client;
}

async function issue(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  input: { user: UserInfo; client: OAuthClientInfo; scope: string; secret?: string; refreshToken?: string; newRefresh: boolean },
): Promise<EmulatorResponse> {
  const { user, client, scope } = input;
  if (!user.isActive) throw new ApiError(400, "inactive_user", "user is inactive");
  let refreshToken = input.refreshToken;
  if (input.newRefresh) {
    refreshToken = `5Aep${randomBytes(48).toString("base64url")}`;
    await ctx.pool.query("INSERT INTO emulator.refresh_tokens (token, client_id, user_id, scope) VALUES ($1, $2, $3, $4)", [
      refreshToken,
      client.clientId,
      user.id,
      scope,
    ]);
  }
  const session = await createSession(ctx, { orgId: user.orgId, userId: user.id, clientId: client.clientId, refreshToken, scope });
  await countApiRequest(ctx, req, user.orgId);
  const id = `${req.origin}/id/${user.orgId}/${user.id}`;
  const issuedAt = String(session.createdAt.getTime());
  const signature = createHmac("sha256", input.secret ?? SIGNING_FALLBACK).update(id + issuedAt).digest("base64");
  const body = {
    access_token: session.token,
    ...(input.newRefresh ? { refresh_token: refreshToken } : {}),
    signature,
    scope,
    instance_url: req.origin,
    id,
    token_type: "Bearer",
    issued_at: issuedAt,
  };
  return { status: 200, headers: { "Content-Type": "application/json;charset=UTF-8", "Cache-Control": "no-store" }, body: JSON.stringify(body) };
}

function wantsRefresh(scope: string): boolean {
  return /\b(refresh_token|offline_access|full)\b/.test(scope);
}

async function authorizationCode(ctx: EmulatorContext, req: EmulatorRequest, p: URLSearchParams, creds: Credentials) {
  const client = await requireClient(ctx, creds.clientId, creds.clientSecret, true);
  const { rows } = await ctx.pool.query<{ user_id: string; redirect_uri: string; scope: string; code_challenge: string | null }>(
    `UPDATE emulator.oauth_codes SET used = true WHERE code = $1 AND client_id = $2 AND NOT used AND expires_at > now()
     RETURNING user_id, redirect_uri, scope, code_challenge`,
    [p.get("code") ?? "", client.clientId],
  );
  const grant = rows[0];
  if (!grant) throw invalidGrant("invalid authorization code");
  if (p.get("redirect_uri") !== grant.redirect_uri) throw invalidGrant("redirect_uri mismatch");
  if (grant.code_challenge) {
    const verifier = p.get("code_verifier");
    if (!verifier) throw invalidGrant("invalid code verifier");
    if (createHash("sha256").update(verifier).digest("base64url") !== grant.code_challenge) throw invalidGrant("invalid code verifier");
  }
  const user = await ctx.store.getUser(grant.user_id);
  if (!user) throw invalidGrant("authentication failure");
  return issue(ctx, req, { user, client, scope: grant.scope, secret: creds.clientSecret, newRefresh: wantsRefresh(grant.scope) });
}

async function refresh(ctx: EmulatorContext, req: EmulatorRequest, p: URLSearchParams, creds: Credentials) {
  const client = await requireClient(ctx, creds.clientId, creds.clientSecret, false);
  const token = p.get("refresh_token") ?? "";
  const { rows } = await ctx.pool.query<{ user_id: string; scope: string }>(
    "SELECT user_id, scope FROM emulator.refresh_tokens WHERE token = $1 AND client_id = $2 AND NOT revoked",
    [token, client.clientId],
  );
  const user = rows[0] ? await ctx.store.getUser(rows[0].user_id) : undefined;
  if (!rows[0] || !user) throw invalidGrant("expired access/refresh token");
  return issue(ctx, req, { user, client, scope: rows[0].scope, secret: creds.clientSecret, refreshToken: token, newRefresh: false });
}

async function password(ctx: EmulatorContext, req: EmulatorRequest, p: URLSearchParams, creds: Credentials) {
  const client = await requireClient(ctx, creds.clientId, creds.clientSecret, true);
  const user = await ctx.store.authenticateUser(p.get("username") ?? "", p.get("password") ?? "");
  if (!user) throw invalidGrant("authentication failure");
  return issue(ctx, req, { user, client, scope: "api", secret: creds.clientSecret, newRefresh: false });
}

async function clientCredentials(ctx: EmulatorContext, req: EmulatorRequest, creds: Credentials) {
  const client = await requireClient(ctx, creds.clientId, creds.clientSecret, true);
  const user = client.runAsUserId ? await ctx.store.getUser(client.runAsUserId) : undefined;
  if (!user) throw invalidGrant("no client credentials user enabled");
  return issue(ctx, req, { user, client, scope: "api", secret: creds.clientSecret, newRefresh: false });
}

async function jwtBearer(ctx: EmulatorContext, req: EmulatorRequest, p: URLSearchParams) {
  const assertion = p.get("assertion") ?? "";
  const decoded = decodeJwt(assertion);
  if (!decoded || decoded.header.alg !== "RS256") throw invalidGrant("invalid assertion");
  const { claims } = decoded;
  const client = claims.iss ? await ctx.store.getOAuthClient(claims.iss) : undefined;
  if (!client) throw new ApiError(400, "invalid_client_id", "client identifier invalid");
  if (!client.jwtPublicKey || !verifyRs256(assertion, client.jwtPublicKey)) throw invalidGrant("invalid assertion");
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const allowed = [req.origin, "https://login.salesforce.com", "https://test.salesforce.com"];
  if (!audiences.some((aud) => typeof aud === "string" && allowed.includes(aud.replace(/\/$/, "")))) throw invalidGrant("audience is invalid");
  const now = Date.now() / 1000;
  if (typeof claims.exp !== "number" || claims.exp < now) throw invalidGrant("expired authorization code");
  if (typeof claims.nbf === "number" && claims.nbf > now + 60) throw invalidGrant("invalid assertion");
  const user = claims.sub ? await ctx.store.getUserByUsername(claims.sub) : undefined;
  if (!user) throw invalidGrant("user hasn't approved this consumer");
  return issue(ctx, req, { user, client, scope: "api", newRefresh: false });
}

export async function token(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  if (req.method !== "POST") throw new ApiError(405, "invalid_request", "must use HTTP POST");
  const params = new URLSearchParams(await req.text(64 * 1024));
  const basic = basicCredentials(req);
  const creds: Credentials = {
    clientId: params.get("client_id") ?? basic.clientId,
    clientSecret: params.get("client_secret") ?? basic.clientSecret,
  };
  switch (params.get("grant_type")) {
    case "authorization_code":
      return authorizationCode(ctx, req, params, creds);
    case "refresh_token":
      return refresh(ctx, req, params, creds);
    case "password":
      return password(ctx, req, params, creds);
    case "client_credentials":
      return clientCredentials(ctx, req, creds);
    case JWT_GRANT:
      return jwtBearer(ctx, req, params);
    default:
      throw new ApiError(400, "unsupported_grant_type", "grant type not supported");
  }
}
