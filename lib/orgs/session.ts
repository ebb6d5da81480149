/**
 * An authenticated Salesforce session for one connection, used by "Test connection" and by the job
 * runner. Tokens are decrypted only here; a refresh runs under the connection's row lock and the new
 * tokens are stored encrypted; a refresh Salesforce refuses marks the connection "Reconnect required".
 */
import { AppError } from "../errors";
import { getEnv } from "../env.mjs";
import { getConnectionWithSecrets } from "./data";
import { DEMO_ORG } from "./demo";
import { emulatorOrigins } from "./hosts";
import { resealSecrets, touchConnection, withConnectionLock } from "./mutations";
import { refreshAccessToken, SalesforceAuthError, soapLogin } from "./salesforce-port";
import { needsReencryption, openSecrets, type ConnectionSecrets } from "./secrets";

export interface OrgSession {
  connectionId: string;
  teamId: string;
  instanceUrl: string;
  apiVersion: string;
  isSandbox: boolean;
  accessToken: string;
  /**
   * Gets a new access token after Salesforce answered INVALID_SESSION_ID for `staleToken`. When
   * another caller already refreshed, their token is returned without a second refresh.
   */
  refresh(staleToken: string): Promise<string>;
}

type Connection = NonNullable<Awaited<ReturnType<typeof getConnectionWithSecrets>>>;

/** Client id and secret for OAuth refreshes: per connection, the demo client for the emulator, else the instance's. */
export function oauthClientFor(loginUrl: string, secrets: ConnectionSecrets, clientId: string | null): { clientId: string; clientSecret: string } {
  if (clientId && secrets.clientSecret) return { clientId, clientSecret: secrets.clientSecret };
  if (emulatorOrigins().includes(new URL(loginUrl).origin)) {
    return { clientId: DEMO_ORG.oauthClientId, clientSecret: DEMO_ORG.oauthClientSecret };
  }
  const env = getEnv();
  if (!env.SALESFORCE_CLIENT_ID || !env.SALESFORCE_CLIENT_SECRET) {
    throw new AppError("VALIDATION", "No Salesforce OAuth client is configured: set SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET, or give a client id and secret for this connection.");
  }
  return { clientId: env.SALESFORCE_CLIENT_ID, clientSecret: env.SALESFORCE_CLIENT_SECRET };
}

async function obtainNewTokens(connection: Connection, secrets: ConnectionSecrets): Promise<{ secrets: ConnectionSecrets; instanceUrl: string }> {
  if (connection.method === "oauth") {
    if (!secrets.refreshToken) throw new SalesforceAuthError("NO_REFRESH_TOKEN", "This connection has no refresh token.");
    const tokens = await refreshAccessToken({ loginUrl: connection.loginUrl, refreshToken: secrets.refreshToken, ...oauthClientFor(connection.loginUrl, secrets, connection.clientId) });
    // With refresh-token rotation Salesforce returns a new refresh token and invalidates the old one.
    return { secrets: { ...secrets, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? secrets.refreshToken }, instanceUrl: tokens.instanceUrl };
  }
  const username = connection.sfUsername ?? "";
  const login = await soapLogin({
    loginUrl: connection.loginUrl,
    username,
    password: secrets.password ?? (connection.method === "demo" ? DEMO_ORG.password : ""),
    securityToken: secrets.securityToken ?? (connection.method === "demo" ? DEMO_ORG.securityToken : ""),
  });
  return { secrets: { ...secrets, accessToken: login.sessionId }, instanceUrl: login.instanceUrl };
}

/** Salesforce's answers that mean "these credentials no longer work", as opposed to a passing outage. */
const isCredentialFailure = (error: unknown) => error instanceof SalesforceAuthError && !error.transient;

async function refreshUnderLock(connection: Connection, staleToken: string): Promise<string> {
  const outcome = await withConnectionLock<string>(connection.teamId, connection.id, async (sealed) => {
    const current = openSecrets(connection.teamId, connection.id, sealed);
    if (current.accessToken && current.accessToken !== staleToken) return { unchanged: current.accessToken };
    try {
      const next = await obtainNewTokens(connection, current);
      return { secrets: next.secrets, instanceUrl: next.instanceUrl, value: next.secrets.accessToken as string };
    } catch (error) {
      if (isCredentialFailure(error)) return { failed: `Salesforce refused to renew the session: ${(error as Error).message}` };
      throw error;
    }
  });
  if (!outcome) throw new AppError("NOT_FOUND", "This org connection no longer exists.");
  if (outcome.kind === "failed") {
    throw new AppError("SALESFORCE", `Reconnect required: ${outcome.reason}`);
  }
  return outcome.value;
}

/** The session of one of the team's connections; 404 when the connection is not the team's. */
export async function getOrgSession(teamId: string, connectionId: string): Promise<OrgSession> {
  const connection = await getConnectionWithSecrets(teamId, connectionId);
  if (!connection) throw new AppError("NOT_FOUND", "Org connection not found.");
  if (connection.status === "reconnect_required") {
    throw new AppError("SALESFORCE", `Reconnect required: the connection "${connection.label}" must be reconnected before it can be used.`);
  }
  const secrets = openSecrets(teamId, connectionId, connection.secrets);
  // After a key rotation, rows move to the current key as they are used.
  if (needsReencryption(connection.secrets)) await resealSecrets(teamId, connectionId, secrets);
  let accessToken = secrets.accessToken ?? (await refreshUnderLock(connection, ""));
  await touchConnection(teamId, connectionId);
  return {
    connectionId,
    teamId,
    instanceUrl: connection.instanceUrl,
    apiVersion: connection.apiVersion,
    isSandbox: connection.isSandbox,
    get accessToken() {
      return accessToken;
    },
    async refresh(staleToken: string) {
      accessToken = await refreshUnderLock(connection, staleToken);
      return accessToken;
    },
  };
}

/** "Reconnect" for password-based connections: a fresh login with the stored credentials, even when marked broken. */
export async function reloginWithStoredCredentials(teamId: string, connectionId: string): Promise<void> {
  const connection = await getConnectionWithSecrets(teamId, connectionId);
  if (!connection) throw new AppError("NOT_FOUND", "Org connection not found.");
  const current = openSecrets(teamId, connectionId, connection.secrets);
  await refreshUnderLock(connection, current.accessToken ?? "");
}
