import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorPool, migrateEmulatorSchema } from "../../../lib/emulator/db";
import { createOrgStore, seedDemoOrg, type DemoOrgResult, type OrgStore } from "../../../lib/emulator/org";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let db: TestDatabase;
let pool: pg.Pool;
let store: OrgStore;
let first: DemoOrgResult;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createEmulatorPool(db.url);
  await migrateEmulatorSchema(pool);
  first = await seedDemoOrg(pool, { seedRecords: false });
  store = createOrgStore(pool);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function nonUserRecords(orgId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM emulator.records WHERE org_id = $1 AND object <> 'User'", [orgId]);
  return rows[0].n;
}

async function liveIds(orgId: string, ids: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    "SELECT id FROM emulator.records WHERE org_id = $1 AND id = ANY($2::text[]) AND NOT is_deleted ORDER BY id",
    [orgId, ids],
  );
  return rows.map((row) => row.id);
}

describe("restarting the demo org with sample records after running without them", () => {
  it("keeps every record a user created, seeds around it, and skips sample data that would clash", async () => {
    expect(await nonUserRecords(first.orgId)).toBe(0);
    const mine = await store.applyDml(first.orgId, first.userId, {
      operation: "insert",
      object: "Account",
      rows: [{ Name: "Mine 1", External_Id__c: "USER-1" }, { Name: "Mine 2" }],
    });
    const contact = await store.applyDml(first.orgId, first.userId, {
      operation: "insert",
      object: "Contact",
      rows: [{ LastName: "Mine", AccountId: mine[0].id }],
    });
    // In the sandbox the user already owns a key the sample data needs (the first sample Account's).
    const clash = await store.applyDml(first.sandboxOrgId, first.sandboxUserId, {
      operation: "insert",
      object: "Account",
      rows: [{ Name: "Mine in sandbox", External_Id__c: "ACC-00001" }],
    });
    const userIds = [...mine, ...contact].map((result) => result.id!);
    expect([...mine, ...contact, ...clash].every((result) => result.success)).toBe(true);

    const again = await seedDemoOrg(pool, { seedRecords: true });
    expect(again.created).toBe(false);
    expect(again.orgId).toBe(first.orgId);

    expect(await liveIds(first.orgId, userIds)).toEqual([...userIds].sort());
    expect(await liveIds(first.sandboxOrgId, [clash[0].id!])).toEqual([clash[0].id]);
    const seeded = await nonUserRecords(first.orgId);
    expect(seeded).toBeGreaterThan(2000);
    // The clashing seed was rolled back whole (no half-seeded sandbox), and the user's record is untouched.
    expect(await nonUserRecords(first.sandboxOrgId)).toBe(1);
    const { rows } = await pool.query<{ name: string }>("SELECT fields->>'Name' AS name FROM emulator.records WHERE id = $1", [clash[0].id]);
    expect(rows[0].name).toBe("Mine in sandbox");

    // A further restart changes nothing: seeding happens once per org and never deletes.
    await seedDemoOrg(pool, { seedRecords: true });
    expect(await nonUserRecords(first.orgId)).toBe(seeded);
    expect(await nonUserRecords(first.sandboxOrgId)).toBe(1);
    expect(await liveIds(first.orgId, userIds)).toEqual([...userIds].sort());
  }, 60_000);
});
