/** Access tokens (SOAP session ids and OAuth access tokens are the same thing here, as on Salesforce). */
import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "../../http/context";

export interface Session {
  token: string;
  orgId: string;
  userId: string;
  clientId: string | null;
  scope: string | null;
  createdAt: Date;
}

/** `{orgId15}!{opaque}`: the shape real session ids have, which some clients split on `!`. */
function newToken(orgId: string): string {
  return `${orgId.slice(0, 15)}!${randomBytes(60).toString("base64url")}`;
}

export async function createSession(
  ctx: EmulatorContext,
  input: { orgId: string; userId: string; clientId?: string; refreshToken?: string; scope?: string },
): Promise<Session> {
  const token = newToken(input.orgId);
  const { rows } = await ctx.pool.query<{ created_at: Date }>(
    `INSERT INTO emulator.sessions (token, org_id, user_id, client_id, refresh_token, scope, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) RETURNING created_at`,
    [token, input.orgId, input.userId, input.clientId ?? null, input.refreshToken ?? null, input.scope ?? null, ctx.config.sessionTtlSeconds],
  );
  return {
    token,
    orgId: input.orgId,
    userId: input.userId,
    clientId: input.clientId ?? null,
    scope: input.scope ?? null,
    createdAt: rows[0].created_at,
  };
}

/** The live session for a token, or null when unknown, revoked or expired. */
export async function findSession(ctx: EmulatorContext, token: string): Promise<Session | null> {
  const { rows } = await ctx.pool.query<{
    org_id: string;
    user_id: string;
    client_id: string | null;
    scope: string | null;
    created_at: Date;
  }>(
    `SELECT org_id, user_id, client_id, scope, created_at FROM emulator.sessions
     WHERE token = $1 AND NOT revoked AND expires_at > now()`,
    [token],
  );
  const row = rows[0];
  if (!row) return null;
  return { token, orgId: row.org_id, userId: row.user_id, clientId: row.client_id, scope: row.scope, createdAt: row.created_at };
}

/** Forces expiry (admin endpoint): every session, or those of one user / one token. Returns the count. */
export async function expireSessions(ctx: EmulatorContext, filter: { token?: string; username?: string } = {}): Promise<number> {
  const clauses = ["expires_at > now()"];
  const values: unknown[] = [];
  if (filter.token) {
    values.push(filter.token);
    clauses.push(`token = $${values.length}`);
  }
  if (filter.username) {
    values.push(filter.username.toLowerCase());
    clauses.push(`user_id IN (SELECT id FROM emulator.users WHERE lower(username) = $${values.length})`);
  }
  const result = await ctx.pool.query(
    `UPDATE emulator.sessions SET expires_at = now() - interval '1 second' WHERE ${clauses.join(" AND ")}`,
    values,
  );
  return result.rowCount ?? 0;
}

export async function revokeSession(ctx: EmulatorContext, token: string): Promise<boolean> {
  const result = await ctx.pool.query("UPDATE emulator.sessions SET revoked = true WHERE token = $1 AND NOT revoked", [token]);
  return (result.rowCount ?? 0) > 0;
}
