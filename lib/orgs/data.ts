/** Reads of org connections, always scoped by the team id from the caller's membership. */
import { getDb } from "../db";

/** Everything about a connection that may be shown in the browser: no `secrets`. */
const PUBLIC_FIELDS = {
  id: true,
  teamId: true,
  label: true,
  method: true,
  status: true,
  loginUrl: true,
  instanceUrl: true,
  sfOrgId: true,
  sfUserId: true,
  sfUsername: true,
  isSandbox: true,
  apiVersion: true,
  clientId: true,
  lastUsedAt: true,
  lastTestedAt: true,
  lastError: true,
  dailyApiMax: true,
  dailyApiRemaining: true,
  createdAt: true,
  createdBy: { select: { email: true } },
} as const;

export type OrgConnectionView = NonNullable<Awaited<ReturnType<typeof getConnection>>>;

export function listConnections(teamId: string) {
  return getDb().orgConnection.findMany({ where: { teamId }, orderBy: { createdAt: "asc" }, select: PUBLIC_FIELDS });
}

export function getConnection(teamId: string, connectionId: string) {
  return getDb().orgConnection.findFirst({ where: { id: connectionId, teamId }, select: PUBLIC_FIELDS });
}

/** Server-side only: includes the sealed secrets for the session code. */
export function getConnectionWithSecrets(teamId: string, connectionId: string) {
  return getDb().orgConnection.findFirst({ where: { id: connectionId, teamId }, select: { ...PUBLIC_FIELDS, secrets: true } });
}

export function getOAuthState(stateHash: string) {
  return getDb().orgOAuthState.findUnique({ where: { stateHash } });
}
