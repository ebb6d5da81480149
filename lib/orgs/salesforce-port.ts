/**
 * The Salesforce auth calls org connections need (SOAP login, OAuth code exchange, refresh, revoke,
 * identity, limits), on top of lib/salesforce. Every URL passes the allow-list first (with a message
 * a person can act on); errors keep Salesforce's code and never carry a token or password.
 */
import {
  buildAuthorizeUrl as buildSalesforceAuthorizeUrl,
  createPkcePair as createSalesforcePkcePair,
  DEFAULT_API_VERSION as CLIENT_API_VERSION,
  exchangeAuthorizationCode,
  getIdentity,
  refreshAccessToken as refreshSalesforceToken,
  revokeToken as revokeSalesforceToken,
  SalesforceApiError,
  soapLogin as salesforceSoapLogin,
  Transport,
  type TokenResponse,
} from "../salesforce";
import { AppError } from "../errors";
import { assertAllowedSalesforceUrl, emulatorOrigins } from "./hosts";

const TIMEOUT_MS = 20_000;
/** The API version jobs use; SOAP login itself is capped at 64.0 by lib/salesforce. */
export const DEFAULT_API_VERSION = CLIENT_API_VERSION;

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  instanceUrl: string;
  identityUrl: string | null;
}

export interface SoapLoginResult {
  sessionId: string;
  instanceUrl: string;
  orgId: string;
  userId: string;
  username: string;
  isSandbox: boolean;
}

export class SalesforceAuthError extends AppError {
  readonly errorCode: string;
  /** A passing problem (network, 5xx, timeout) rather than credentials Salesforce refused. */
  readonly transient: boolean;
  constructor(errorCode: string, message: string, transient = false) {
    // Credentials Salesforce refused are the caller's to fix (422); only passing trouble is a gateway error (502).
    super("SALESFORCE", message, transient ? {} : { status: 422 });
    this.errorCode = errorCode;
    this.transient = transient;
  }
}

const transport = () => new Transport({ timeoutMs: TIMEOUT_MS, allowedOrigins: emulatorOrigins() });

/** Runs a lib/salesforce call and turns its typed errors into messages for people. */
async function call<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SalesforceApiError) {
      const transient = error.retryable || error.errorCode === "NETWORK_ERROR" || error.errorCode === "TIMEOUT";
      throw new SalesforceAuthError(error.errorCode, `${prefix}: ${error.message}`, transient);
    }
    throw error;
  }
}

export async function soapLogin(input: { loginUrl: string; username: string; password: string; securityToken: string }): Promise<SoapLoginResult> {
  const loginUrl = assertAllowedSalesforceUrl(input.loginUrl);
  const result = await call("Salesforce refused the login", () =>
    salesforceSoapLogin({ transport: transport(), loginUrl, apiVersion: DEFAULT_API_VERSION, username: input.username, password: input.password, securityToken: input.securityToken }),
  );
  return {
    sessionId: result.sessionId,
    instanceUrl: assertAllowedSalesforceUrl(result.instanceUrl, "Instance"),
    orgId: result.organizationId,
    userId: result.userId,
    username: input.username,
    isSandbox: result.sandbox,
  };
}

export function createPkcePair(): { verifier: string; challenge: string } {
  const pair = createSalesforcePkcePair();
  return { verifier: pair.verifier, challenge: pair.challenge };
}

export function buildAuthorizeUrl(input: {
  loginUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  loginHint?: string;
}): string {
  const loginUrl = assertAllowedSalesforceUrl(input.loginUrl);
  return buildSalesforceAuthorizeUrl(
    { clientId: input.clientId, redirectUri: input.redirectUri, loginUrl },
    { state: input.state, codeChallenge: input.challenge, scope: "api refresh_token offline_access", loginHint: input.loginHint },
  );
}

function toTokenSet(token: TokenResponse): TokenSet {
  return {
    accessToken: token.accessToken,
    refreshToken: token.refreshToken ?? null,
    instanceUrl: assertAllowedSalesforceUrl(token.instanceUrl, "Instance"),
    identityUrl: token.identityUrl ?? null,
  };
}

export async function exchangeCode(input: {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  verifier: string;
}): Promise<TokenSet> {
  const loginUrl = assertAllowedSalesforceUrl(input.loginUrl);
  const config = { clientId: input.clientId, clientSecret: input.clientSecret, redirectUri: input.redirectUri, loginUrl };
  return toTokenSet(await call("Salesforce refused the token request", () => exchangeAuthorizationCode(transport(), config, input.code, input.verifier)));
}

export async function refreshAccessToken(input: { loginUrl: string; clientId: string; clientSecret: string; refreshToken: string }): Promise<TokenSet> {
  const loginUrl = assertAllowedSalesforceUrl(input.loginUrl);
  const config = { clientId: input.clientId, clientSecret: input.clientSecret, loginUrl };
  return toTokenSet(await call("Salesforce refused the token request", () => refreshSalesforceToken(transport(), config, input.refreshToken)));
}

/** Revokes a token (a refresh token also revokes its access tokens). */
export async function revokeToken(input: { loginUrl: string; token: string }): Promise<void> {
  const loginUrl = assertAllowedSalesforceUrl(input.loginUrl);
  try {
    await call("Salesforce did not revoke the token", () => revokeSalesforceToken(transport(), loginUrl, input.token));
  } catch (error) {
    // An already-invalid token is as good as revoked.
    if (error instanceof SalesforceAuthError && /invalid_token|HTTP_400/.test(error.errorCode)) return;
    throw error;
  }
}

export interface Identity {
  orgId: string;
  userId: string;
  username: string;
}

export async function fetchIdentity(identityUrl: string, accessToken: string): Promise<Identity> {
  assertAllowedSalesforceUrl(identityUrl, "Identity host");
  const identity = await call("Salesforce did not return the connected user", () => getIdentity(transport(), identityUrl, accessToken));
  return { orgId: identity.organization_id, userId: identity.user_id, username: identity.username };
}

export interface DailyApiUsage {
  max: number;
  remaining: number;
}

/** `/limits` DailyApiRequests; INVALID_SESSION_ID means the access token expired and the caller should refresh. */
export async function fetchDailyApiUsage(input: { instanceUrl: string; accessToken: string; apiVersion: string }): Promise<DailyApiUsage> {
  const url = `${assertAllowedSalesforceUrl(input.instanceUrl, "Instance")}/services/data/v${input.apiVersion}/limits`;
  const { text } = await call("Salesforce did not return its API limits", () =>
    transport().text({ method: "GET", url, headers: { Authorization: `Bearer ${input.accessToken}`, Accept: "application/json" } }),
  );
  const body = JSON.parse(text) as { DailyApiRequests?: { Max: number; Remaining: number } };
  if (!body.DailyApiRequests) throw new SalesforceAuthError("BAD_RESPONSE", "Salesforce did not report DailyApiRequests in /limits.");
  return { max: body.DailyApiRequests.Max, remaining: body.DailyApiRequests.Remaining };
}
