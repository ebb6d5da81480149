/** Writes of org connections. Secrets arrive sealed (see secrets.ts); callers have authorized the team. */
import { randomUUID } from "node:crypto";
import { getDb } from "../db";
import { sealSecrets, type ConnectionSecrets } from "./secrets";

export interface NewConnection {
  teamId: string;
  label: string;
  method: "oauth" | "soap" | "demo";
  loginUrl: string;
  instanceUrl: string;
  sfOrgId: string | null;
  sfUserId: string | null;
  sfUsername: string | null;
  isSandbox: boolean;
  apiVersion: string;
  clientId: string | null;
  createdById: string;
}

/** The id is chosen before the insert so the secrets can be bound to it. */
export async function createConnection(input: NewConnection, secrets: ConnectionSecrets): Promise<string> {
  const id = randomUUID();
  await getDb().orgConnection.create({
    data: { ...input, id, secrets: sealSecrets(input.teamId, id, secrets), lastUsedAt: new Date() },
  });
  return id;
}

export async function replaceConnectionCredentials(
  teamId: string,
  connectionId: string,
  fields: { instanceUrl: string; sfOrgId?: string | null; sfUserId?: string | null; sfUsername?: string | null },
  secrets: ConnectionSecrets,
): Promise<void> {
  await getDb().orgConnection.updateMany({
    where: { id: connectionId, teamId },
    data: { ...fields, secrets: sealSecrets(teamId, connectionId, secrets), status: "active", lastError: null, lastUsedAt: new Date() },
  });
}

export async function recordConnectionCheck(
  teamId: string,
  connectionId: string,
  result: { ok: true; dailyApiMax: number; dailyApiRemaining: number } | { ok: false; error: string },
): Promise<void> {
  const now = new Date();
  await getDb().orgConnection.updateMany({
    where: { id: connectionId, teamId },
    data: result.ok
      ? { lastTestedAt: now, lastUsedAt: now, lastError: null, dailyApiMax: result.dailyApiMax, dailyApiRemaining: result.dailyApiRemaining }
      : { lastTestedAt: now, lastError: result.error.slice(0, 500) },
  });
}

/** Re-encrypts with the current key (after a key rotation), leaving everything else alone. */
export async function resealSecrets(teamId: string, connectionId: string, secrets: ConnectionSecrets): Promise<void> {
  await getDb().orgConnection.updateMany({ where: { id: connectionId, teamId }, data: { secrets: sealSecrets(teamId, connectionId, secrets) } });
}

export async function touchConnection(teamId: string, connectionId: string): Promise<void> {
  await getDb().orgConnection.updateMany({ where: { id: connectionId, teamId }, data: { lastUsedAt: new Date() } });
}

export async function deleteConnection(teamId: string, connectionId: string): Promise<boolean> {
  const result = await getDb().orgConnection.deleteMany({ where: { id: connectionId, teamId } });
  return result.count === 1;
}

type RefreshOutcome<T> = { kind: "ok"; value: T } | { kind: "failed"; reason: string };

/**
 * Runs `refresh` while holding the connection's row lock, so one refresh happens at a time per
 * connection across every process (refresh tokens may rotate: a second concurrent refresh would use
 * an invalidated token). `refresh` sees the current sealed secrets and returns new ones to store.
 */
export async function withConnectionLock<T>(
  teamId: string,
  connectionId: string,
  refresh: (sealed: string) => Promise<{ secrets: ConnectionSecrets; instanceUrl?: string; value: T } | { failed: string } | { unchanged: T }>,
): Promise<RefreshOutcome<T> | null> {
  return getDb().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ secrets: string }[]>`
        SELECT secrets FROM org_connections WHERE id = ${connectionId} AND team_id = ${teamId} FOR UPDATE`;
      if (rows.length === 0) return null;
      const outcome = await refresh(rows[0].secrets);
      if ("failed" in outcome) {
        await tx.orgConnection.update({
          where: { id: connectionId },
          data: { status: "reconnect_required", lastError: outcome.failed.slice(0, 500) },
        });
        return { kind: "failed", reason: outcome.failed };
      }
      if ("unchanged" in outcome) return { kind: "ok", value: outcome.unchanged };
      await tx.orgConnection.update({
        where: { id: connectionId },
        data: {
          secrets: sealSecrets(teamId, connectionId, outcome.secrets),
          ...(outcome.instanceUrl ? { instanceUrl: outcome.instanceUrl } : {}),
          status: "active",
          lastUsedAt: new Date(),
        },
      });
      return { kind: "ok", value: outcome.value };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

export async function saveOAuthState(input: {
  stateHash: string;
  userId: string;
  teamId: string;
  loginUrl: string;
  label: string;
  isSandbox: boolean;
  connectionId: string | null;
  sealedPayload: string;
  expiresAt: Date;
}): Promise<void> {
  const { sealedPayload, ...rest } = input;
  await getDb().orgOAuthState.create({ data: { ...rest, verifier: sealedPayload } });
  // Abandoned flows are cleared as new ones start.
  await getDb().orgOAuthState.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

/** One-time use: the state row is deleted as it is read. */
export async function consumeOAuthState(stateHash: string) {
  const rows = await getDb().$queryRaw<{ id: string }[]>`DELETE FROM org_oauth_states WHERE state_hash = ${stateHash} RETURNING id`;
  return rows.length === 1;
}
