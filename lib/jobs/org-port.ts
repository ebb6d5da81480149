/** Wires the runner to a team's org connection: the session (and its one-at-a-time refresh) comes from lib/orgs. */
import { getOrgClient } from "../orgs";
import { emulatorOrigins } from "../orgs/hosts";
import { Connection } from "../salesforce";
import type { PortFactory } from "./runner";
import { createSalesforcePort } from "./salesforce-port";

/** Last known Sforce-Limit-Info per connection: each step gets a new client, the quota guard needs the history. */
const lastUsage = new Map<string, { used: number; max: number }>();

export const orgConnectionPort: PortFactory = async (job, notice, settings) => {
  if (!job.orgConnectionId) throw new Error(`Job ${job.id} has no org connection any more.`);
  const session = await getOrgClient(job.teamId, job.orgConnectionId);
  const connection = new Connection({
    apiVersion: session.apiVersion,
    session: { accessToken: session.accessToken, instanceUrl: session.instanceUrl },
    // lib/orgs refreshes under the connection's row lock and stores the new token; we only replay.
    refresher: async (stale) => ({ ...stale, accessToken: await session.refresh(stale.accessToken) }),
    onTokenRefresh: () => notice("refresh", "The Salesforce session expired; refreshed it once and replayed the call."),
    allowedOrigins: emulatorOrigins(),
    retry: { baseDelayMs: settings.readRetryDelayMs },
    // The heartbeat keeps the lease during a long upload; the timeout only ends a call that hangs.
    timeoutMs: 180_000,
    onRetry: (info) => notice("retry", `Retrying a read (${info.method}) after ${info.error.errorCode}, attempt ${info.attempt + 2}.`),
  });
  const connectionId = job.orgConnectionId;
  return {
    ...createSalesforcePort(connection),
    apiUsage: () => {
      const info = connection.lastLimitInfo;
      if (info) lastUsage.set(connectionId, { used: info.used, max: info.max });
      return lastUsage.get(connectionId) ?? null;
    },
  };
};
