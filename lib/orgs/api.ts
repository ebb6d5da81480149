/** What the JSON API shows of a connection: the public fields, never `secrets`. */
import type { OrgConnectionView } from "./data";

export function toConnectionJson(connection: OrgConnectionView) {
  return {
    id: connection.id,
    label: connection.label,
    method: connection.method,
    status: connection.status,
    orgId: connection.sfOrgId,
    username: connection.sfUsername,
    instanceUrl: connection.instanceUrl,
    environment: connection.isSandbox ? "sandbox" : "production",
    apiVersion: connection.apiVersion,
    lastUsedAt: connection.lastUsedAt?.toISOString() ?? null,
    lastTestedAt: connection.lastTestedAt?.toISOString() ?? null,
    lastError: connection.lastError,
    dailyApiUsage:
      connection.dailyApiMax === null || connection.dailyApiRemaining === null
        ? null
        : { max: connection.dailyApiMax, remaining: connection.dailyApiRemaining },
    createdAt: connection.createdAt.toISOString(),
  };
}
