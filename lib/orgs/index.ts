/**
 * Public entry of org connections for other domains (the job runner). The team id must come from a
 * membership (or a job row the team owns), never from a request body.
 */
import { SalesforceClient } from "../salesforce";
import { emulatorOrigins } from "./hosts";
import { getOrgSession, type OrgSession } from "./session";

export type { OrgSession } from "./session";

/** An authenticated session (decrypted tokens) with a row-locked, persisted refresh. */
export function getOrgClient(teamId: string, orgConnectionId: string): Promise<OrgSession> {
  return getOrgSession(teamId, orgConnectionId);
}

/**
 * The same session as a lib/salesforce client: INVALID_SESSION_ID triggers one refresh through the
 * connection's row lock (new tokens stored encrypted), then one replay.
 */
export async function getSalesforceClient(teamId: string, orgConnectionId: string): Promise<SalesforceClient> {
  const session = await getOrgSession(teamId, orgConnectionId);
  return new SalesforceClient({
    apiVersion: session.apiVersion,
    allowedOrigins: emulatorOrigins(),
    session: { accessToken: session.accessToken, instanceUrl: session.instanceUrl },
    refresher: async (stale) => ({ ...stale, accessToken: await session.refresh(stale.accessToken) }),
  });
}
