/**
 * OAuth 2.0 against Salesforce: web-server flow with PKCE, refresh token, username-password, JWT bearer,
 * client credentials, revoke and identity. Token responses are validated, and their `instance_url` must pass
 * the host allow-list before anything is sent to it.
 */
import { z } from "zod";
import { SalesforceApiError } from "../http/errors";
import type { Transport } from "../http/transport";
import { signJwtBearerAssertion } from "./jwt";

export interface OAuthClientConfig {
  clientId: string;
  clientSecret?: string;
  redirectUri?: string;
  /** Login host: production, sandbox, My Domain, or an allowed extra origin such as the emulator. */
  loginUrl: string;
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  instance_url: z.string().url(),
  id: z.string().url().optional(),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
  issued_at: z.string().optional(),
  signature: z.string().optional(),
  id_token: z.string().optional(),
});

export interface TokenResponse {
  accessToken: string;
  instanceUrl: string;
  identityUrl?: string;
  refreshToken?: string;
  scope?: string;
  issuedAt?: number;
  userId?: string;
  organizationId?: string;
}

export interface AuthorizeUrlInput {
  state: string;
  codeChallenge: string;
  scope?: string;
  prompt?: "login" | "consent" | "select_account";
  loginHint?: string;
}

export function buildAuthorizeUrl(config: OAuthClientConfig, input: AuthorizeUrlInput): string {
  if (!config.redirectUri) throw new Error("redirectUri is required for the web-server flow");
  const params = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: input.scope ?? "api refresh_token",
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: "S256",
  });
  if (input.prompt) params.set("prompt", input.prompt);
  if (input.loginHint) params.set("login_hint", input.loginHint);
  return `${config.loginUrl}/services/oauth2/authorize?${params.toString()}`;
}

function toTokenResponse(raw: unknown, transport: Transport): TokenResponse {
  const parsed = tokenSchema.safeParse(raw);
  if (!parsed.success) throw new SalesforceApiError("INVALID_TOKEN_RESPONSE", 200, "The token response is missing access_token or instance_url", false);
  const body = parsed.data;
  const instanceUrl = new URL(body.instance_url).origin;
  transport.assertAllowed(instanceUrl);
  const ids = body.id ? new URL(body.id).pathname.split("/").filter(Boolean).slice(-2) : [];
  return {
    accessToken: body.access_token,
    instanceUrl,
    identityUrl: body.id,
    refreshToken: body.refresh_token,
    scope: body.scope,
    issuedAt: body.issued_at ? Number(body.issued_at) : undefined,
    organizationId: ids.length === 2 ? ids[0] : undefined,
    userId: ids.length === 2 ? ids[1] : undefined,
  };
}

async function tokenRequest(transport: Transport, config: OAuthClientConfig, params: Record<string, string>, basicAuth = false): Promise<TokenResponse> {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
  const form = new URLSearchParams(params);
  if (basicAuth && config.clientSecret) {
    headers.Authorization = `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString("base64")}`;
  } else {
    form.set("client_id", config.clientId);
    if (config.clientSecret) form.set("client_secret", config.clientSecret);
  }
  // A token grant creates nothing durable the caller depends on, but codes are single-use: no retries.
  const { text } = await transport.text({ method: "POST", url: `${config.loginUrl}/services/oauth2/token`, headers, body: form.toString(), idempotent: false });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SalesforceApiError("INVALID_TOKEN_RESPONSE", 200, "The token response is not JSON", false);
  }
  return toTokenResponse(raw, transport);
}

export function exchangeAuthorizationCode(transport: Transport, config: OAuthClientConfig, code: string, codeVerifier: string): Promise<TokenResponse> {
  if (!config.redirectUri) throw new Error("redirectUri is required for the web-server flow");
  return tokenRequest(transport, config, { grant_type: "authorization_code", code, redirect_uri: config.redirectUri, code_verifier: codeVerifier });
}

export function refreshAccessToken(transport: Transport, config: OAuthClientConfig, refreshToken: string): Promise<TokenResponse> {
  return tokenRequest(transport, config, { grant_type: "refresh_token", refresh_token: refreshToken });
}

export function passwordGrant(transport: Transport, config: OAuthClientConfig, username: string, passwordWithToken: string): Promise<TokenResponse> {
  return tokenRequest(transport, config, { grant_type: "password", username, password: passwordWithToken });
}

export function clientCredentialsGrant(transport: Transport, config: OAuthClientConfig): Promise<TokenResponse> {
  return tokenRequest(transport, config, { grant_type: "client_credentials" }, true);
}

export function jwtBearerGrant(transport: Transport, config: OAuthClientConfig, input: { username: string; privateKeyPem: string; audience?: string }): Promise<TokenResponse> {
  const audience = input.audience ?? config.loginUrl;
  const assertion = signJwtBearerAssertion({ clientId: config.clientId, username: input.username, audience }, input.privateKeyPem);
  return tokenRequest(transport, { ...config, clientSecret: undefined }, { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion });
}

export async function revokeToken(transport: Transport, loginUrl: string, token: string): Promise<void> {
  await transport.send({
    method: "POST",
    url: `${loginUrl}/services/oauth2/revoke`,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString(),
    idempotent: true,
  });
}

const identitySchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    organization_id: z.string(),
    username: z.string(),
    display_name: z.string().optional(),
    email: z.string().optional(),
    urls: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();

export type Identity = z.infer<typeof identitySchema>;

export async function getIdentity(transport: Transport, identityUrl: string, accessToken: string): Promise<Identity> {
  const { text } = await transport.text({ method: "GET", url: identityUrl, headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json" } });
  const parsed = identitySchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new SalesforceApiError("INVALID_IDENTITY_RESPONSE", 200, "The identity response has an unexpected shape", false);
  return parsed.data;
}
