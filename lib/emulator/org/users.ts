/** Orgs, users and OAuth clients: the identity side of the data plane. */
import type pg from "pg";
import { verifySecret } from "./passwords";
import type { OAuthClientInfo, OrgInfo, UserInfo } from "./types";

const USER_SELECT = `
  SELECT u.id, u.org_id, u.username, u.email, u.first_name, u.last_name, u.alias, u.time_zone, u.locale,
         u.language, u.profile_id, u.role_id, u.is_active, u.password_hash, u.credential_hash,
         o.name AS org_name, o.is_sandbox, o.instance_name, o.organization_type
    FROM emulator.users u JOIN emulator.orgs o ON o.id = u.org_id`;

interface UserRow {
  id: string;
  org_id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  alias: string;
  time_zone: string;
  locale: string;
  language: string;
  profile_id: string;
  role_id: string | null;
  is_active: boolean;
  password_hash: string;
  credential_hash: string;
  org_name: string;
  is_sandbox: boolean;
  instance_name: string;
  organization_type: string;
}

function toUser(row: UserRow): UserInfo {
  return {
    id: row.id,
    orgId: row.org_id,
    username: row.username,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    name: `${row.first_name} ${row.last_name}`.trim(),
    alias: row.alias,
    timeZone: row.time_zone,
    locale: row.locale,
    language: row.language,
    profileId: row.profile_id,
    roleId: row.role_id,
    isActive: row.is_active,
    org: {
      id: row.org_id,
      name: row.org_name,
      isSandbox: row.is_sandbox,
      instanceName: row.instance_name,
      organizationType: row.organization_type,
      namespacePrefix: null,
    },
  };
}

async function findUserRow(pool: pg.Pool, where: string, value: string): Promise<UserRow | undefined> {
  const { rows } = await pool.query<UserRow>(`${USER_SELECT} WHERE ${where}`, [value]);
  return rows[0];
}

export async function getUserById(pool: pg.Pool, id: string): Promise<UserInfo | undefined> {
  const row = await findUserRow(pool, "u.id = $1", id);
  return row && toUser(row);
}

export async function getUserByUsername(pool: pg.Pool, username: string): Promise<UserInfo | undefined> {
  const row = await findUserRow(pool, "lower(u.username) = lower($1)", username);
  return row && toUser(row);
}

/** Checks `secret` against the stored password (+ security token) hash of an active user. */
export async function checkCredentials(
  pool: pg.Pool,
  username: string,
  secret: string,
  kind: "credential" | "password",
): Promise<UserInfo | null> {
  const row = await findUserRow(pool, "lower(u.username) = lower($1)", username);
  if (!row || !row.is_active) return null;
  const ok = await verifySecret(secret, kind === "credential" ? row.credential_hash : row.password_hash);
  return ok ? toUser(row) : null;
}

export async function getOrgById(pool: pg.Pool, id: string): Promise<OrgInfo | undefined> {
  const { rows } = await pool.query<{ id: string; name: string; is_sandbox: boolean; instance_name: string; organization_type: string }>(
    "SELECT id, name, is_sandbox, instance_name, organization_type FROM emulator.orgs WHERE id = $1",
    [id],
  );
  const row = rows[0];
  return (
    row && {
      id: row.id,
      name: row.name,
      isSandbox: row.is_sandbox,
      instanceName: row.instance_name,
      organizationType: row.organization_type,
      namespacePrefix: null,
    }
  );
}

interface ClientRow {
  client_id: string;
  name: string;
  secret_hash: string;
  redirect_patterns: string[];
  jwt_public_key: string | null;
  run_as_user_id: string | null;
}

async function findClient(pool: pg.Pool, clientId: string): Promise<ClientRow | undefined> {
  const { rows } = await pool.query<ClientRow>(
    "SELECT client_id, name, secret_hash, redirect_patterns, jwt_public_key, run_as_user_id FROM emulator.oauth_clients WHERE client_id = $1",
    [clientId],
  );
  return rows[0];
}

export async function getOAuthClient(pool: pg.Pool, clientId: string): Promise<OAuthClientInfo | undefined> {
  const row = await findClient(pool, clientId);
  return (
    row && {
      clientId: row.client_id,
      name: row.name,
      redirectPatterns: row.redirect_patterns,
      jwtPublicKey: row.jwt_public_key,
      runAsUserId: row.run_as_user_id,
    }
  );
}

export async function verifyOAuthClientSecret(pool: pg.Pool, clientId: string, secret: string): Promise<boolean> {
  const row = await findClient(pool, clientId);
  return row ? verifySecret(secret, row.secret_hash) : false;
}
