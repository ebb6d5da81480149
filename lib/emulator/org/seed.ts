/** The demo org: production + sandbox orgs, their users, the OAuth client and sample records, once. */
import type pg from "pg";
import { keyValue } from "./dml/coerce";
import { generateId } from "./ids";
import { hashSecret } from "./passwords";
import { DEFAULT_SEED_COUNTS, SANDBOX_SEED_COUNTS, SeedRejectedError, seedRecords, type SeedCounts } from "./seed-records";
import type { DemoOrgOptions, DemoOrgResult } from "./types";

const SEED_LOCK_KEY = 7_464_736_002;

const DEFAULTS = {
  username: "demo@bulk.example",
  sandboxUsername: "demo@bulk.example.sandbox",
  password: "demo-password",
  securityToken: "DEMOTOKEN",
  orgName: "Bulk Console Demo",
  oauthClientId: "bulk-console-demo",
  oauthClientSecret: "demo-secret",
  oauthRedirectPatterns: ["http://localhost:*", "http://127.0.0.1:*"],
};

type Settings = typeof DEFAULTS & { oauthJwtPublicKey: string | null; seedRecords: boolean };

interface Identity {
  orgId: string;
  userId: string;
}

interface Hashes {
  password: string;
  credential: string;
  clientSecret: string;
}

async function createOrgAndUser(
  client: pg.PoolClient,
  settings: Settings,
  hashes: Hashes,
  username: string,
  sandbox: boolean,
): Promise<Identity> {
  const orgId = await generateId(client, "00D");
  const userId = await generateId(client, "005");
  const profileId = await generateId(client, "00e");
  await client.query("INSERT INTO emulator.orgs (id, name, is_sandbox, instance_name) VALUES ($1, $2, $3, $4)", [
    orgId,
    sandbox ? `${settings.orgName} (Sandbox)` : settings.orgName,
    sandbox,
    sandbox ? "EMU1S" : "EMU1",
  ]);
  const user = { first: "Demo", last: "User", email: username.replace(/\.sandbox$/, ""), alias: "demo" };
  await client.query(
    `INSERT INTO emulator.users (id, org_id, username, email, first_name, last_name, alias, profile_id, password_hash, credential_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [userId, orgId, username, user.email, user.first, user.last, user.alias, profileId, hashes.password, hashes.credential],
  );
  // The read-only User sObject mirrors the users table so SOQL and lookups (Owner.Username) see it.
  const fields = {
    Username: username, FirstName: user.first, LastName: user.last, Name: `${user.first} ${user.last}`,
    Email: user.email, Alias: user.alias, IsActive: true, TimeZoneSidKey: "America/Los_Angeles",
    LocaleSidKey: "en_US", LanguageLocaleKey: "en_US", ProfileId: profileId,
  };
  await client.query(
    `INSERT INTO emulator.records
       (org_id, object, id, fields, created_date, created_by_id, last_modified_date, last_modified_by_id, system_modstamp)
     VALUES ($1, 'User', $2, $3, $4, $2, $4, $2, $4)`,
    [orgId, userId, fields, new Date().toISOString()],
  );
  await client.query(
    `INSERT INTO emulator.record_keys (org_id, object, field, value, id, is_unique)
     VALUES ($1, 'User', 'Username', $3, $2, true), ($1, 'User', 'Email', $4, $2, false)`,
    [orgId, userId, keyValue(username), keyValue(user.email)],
  );
  return { orgId, userId };
}

async function findIdentity(client: pg.PoolClient, username: string): Promise<Identity | undefined> {
  const { rows } = await client.query<{ id: string; org_id: string }>(
    "SELECT id, org_id FROM emulator.users WHERE lower(username) = lower($1)",
    [username],
  );
  return rows[0] && { orgId: rows[0].org_id, userId: rows[0].id };
}

/**
 * Sample records of one org, once. The records and the settings flag recording that the org was
 * seeded commit in one transaction, so a crash mid-seed leaves nothing behind and there is never
 * anything to clean up: seeding never deletes a record, in particular none a user created while
 * the org ran without sample data.
 */
async function seedOrgRecords(pool: pg.Pool, identity: Identity, counts: SeedCounts, now: Date): Promise<void> {
  const flag = `demo-records:${identity.orgId}`;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rowCount } = await client.query("SELECT 1 FROM emulator.settings WHERE key = $1", [flag]);
    if ((rowCount ?? 0) > 0) {
      await client.query("ROLLBACK");
      return;
    }
    let state: Record<string, unknown>;
    await client.query("SAVEPOINT seed");
    try {
      state = { count: await seedRecords(pool, client, identity.orgId, identity.userId, now, counts) };
    } catch (error) {
      if (!(error instanceof SeedRejectedError)) throw error;
      // The user's own data already holds keys the sample data needs: theirs wins, the demo data is left out.
      await client.query("ROLLBACK TO SAVEPOINT seed");
      state = { count: 0, skipped: error.message };
    }
    await client.query("INSERT INTO emulator.settings (key, value) VALUES ($1, $2)", [flag, JSON.stringify(state)]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Creates the demo orgs, users, OAuth client and sample records on the first start; later calls
 * change nothing and return the existing ids. Safe when several processes call it at once.
 */
export async function seedDemoOrg(pool: pg.Pool, options: DemoOrgOptions = {}): Promise<DemoOrgResult> {
  const settings: Settings = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
    oauthJwtPublicKey: options.oauthJwtPublicKey ?? null,
    seedRecords: options.seedRecords ?? true,
  };
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [SEED_LOCK_KEY]);
    let production = await findIdentity(client, settings.username);
    let sandbox = await findIdentity(client, settings.sandboxUsername);
    const created = !production;
    if (!production || !sandbox) {
      const [password, credential, clientSecret] = await Promise.all([
        hashSecret(settings.password),
        hashSecret(settings.password + settings.securityToken),
        hashSecret(settings.oauthClientSecret),
      ]);
      const hashes = { password, credential, clientSecret };
      await client.query("BEGIN");
      production ??= await createOrgAndUser(client, settings, hashes, settings.username, false);
      sandbox ??= await createOrgAndUser(client, settings, hashes, settings.sandboxUsername, true);
      await client.query(
        `INSERT INTO emulator.oauth_clients (client_id, name, secret_hash, redirect_patterns, jwt_public_key, run_as_user_id)
         VALUES ($1, 'Bulk Console Demo', $2, $3, $4, $5) ON CONFLICT (client_id) DO NOTHING`,
        [settings.oauthClientId, hashes.clientSecret, settings.oauthRedirectPatterns, settings.oauthJwtPublicKey, production.userId],
      );
      await client.query("COMMIT");
    }
    if (settings.seedRecords) {
      const now = new Date();
      const targets: [Identity, SeedCounts][] = [
        [production, DEFAULT_SEED_COUNTS],
        [sandbox, SANDBOX_SEED_COUNTS],
      ];
      await Promise.all(targets.map(([identity, counts]) => seedOrgRecords(pool, identity, counts, now)));
    }
    return {
      created,
      orgId: production.orgId,
      userId: production.userId,
      sandboxOrgId: sandbox.orgId,
      sandboxUserId: sandbox.userId,
      username: settings.username,
      sandboxUsername: settings.sandboxUsername,
      password: settings.password,
      securityToken: settings.securityToken,
      oauthClientId: settings.oauthClientId,
      oauthClientSecret: settings.oauthClientSecret,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [SEED_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
