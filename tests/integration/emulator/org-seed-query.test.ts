import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorPool, migrateEmulatorSchema } from "../../../lib/emulator/db";
import { createOrgStore, flattenRecord, seedDemoOrg, type DemoOrgResult, type OrgStore } from "../../../lib/emulator/org";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let db: TestDatabase;
let pool: pg.Pool;
let store: OrgStore;
let demo: DemoOrgResult;

async function all(store: OrgStore, orgId: string, soql: string, options = {}) {
  const run = await store.query(orgId, soql, options);
  const rows: Record<string, unknown>[] = [];
  for await (const chunk of run.rows()) rows.push(...chunk);
  return { run, rows };
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createEmulatorPool(db.url);
  await migrateEmulatorSchema(pool);
  demo = await seedDemoOrg(pool);
  store = createOrgStore(pool);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe("demo org seeding", () => {
  it("creates both orgs and is idempotent", async () => {
    expect(demo.created).toBe(true);
    const again = await seedDemoOrg(pool);
    expect(again.created).toBe(false);
    expect(again.orgId).toBe(demo.orgId);
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM emulator.records WHERE org_id = $1", [demo.orgId]);
    expect(rows[0].n).toBeGreaterThan(2000);
  });

  it("authenticates with password + token only", async () => {
    const user = await store.authenticateUser("DEMO@bulk.example", "demo-passwordDEMOTOKEN");
    expect(user?.orgId).toBe(demo.orgId);
    expect(user?.org.isSandbox).toBe(false);
    expect(await store.authenticateUser("demo@bulk.example", "demo-password")).toBeNull();
    const sandbox = await store.authenticateUser("demo@bulk.example.sandbox", "demo-passwordDEMOTOKEN");
    expect(sandbox?.org.isSandbox).toBe(true);
    expect(sandbox?.orgId).toBe(demo.sandboxOrgId);
    expect((await store.verifyUserPassword("demo@bulk.example", "demo-password"))?.id).toBe(demo.userId);
  });

  it("stores the OAuth client with hashed secret", async () => {
    const client = await store.getOAuthClient("bulk-console-demo");
    expect(client?.redirectPatterns).toEqual(["http://localhost:*", "http://127.0.0.1:*"]);
    expect(await store.verifyOAuthClientSecret("bulk-console-demo", "demo-secret")).toBe(true);
    expect(await store.verifyOAuthClientSecret("bulk-console-demo", "nope")).toBe(false);
    const { rows } = await pool.query("SELECT secret_hash FROM emulator.oauth_clients");
    expect(rows[0].secret_hash).not.toContain("demo-secret");
  });
});

describe("SOQL over seeded data", () => {
  it("selects parent fields as nested objects and flattens them for CSV", async () => {
    const { run, rows } = await all(store, demo.orgId, "SELECT Id, Name, Account.Name, Account.Owner.Username FROM Contact WHERE Account.External_Id__c = 'ACC-00001' ORDER BY Name");
    expect(run.columns.map((c) => c.path)).toEqual(["Id", "Name", "Account.Name", "Account.Owner.Username"]);
    expect(rows).toHaveLength(4);
    const first = rows[0] as { Account: { Name: string; Owner: { Username: string } }; attributes: { type: string } };
    expect(first.attributes.type).toBe("Contact");
    expect(first.Account.Owner.Username).toBe("demo@bulk.example");
    expect(flattenRecord(rows[0], run.columns)[3]).toBe("demo@bulk.example");
  });

  it("counts with COUNT() and filters with date literals, IN, LIKE and NOT", async () => {
    const count = await store.query(demo.orgId, "SELECT COUNT() FROM Account");
    expect(count.countOnly).toBe(true);
    expect(count.totalSize).toBe(300);
    const recent = await store.query(demo.orgId, "SELECT COUNT() FROM Lead WHERE CreatedDate = LAST_N_DAYS:60");
    expect(recent.totalSize).toBe(500);
    const future = await store.query(demo.orgId, "SELECT COUNT() FROM Lead WHERE CreatedDate > TODAY");
    expect(future.totalSize).toBe(0);
    const { rows } = await all(store, demo.orgId, "SELECT Name FROM Account WHERE External_Id__c IN ('acc-00001', 'ACC-00002') AND NOT Name LIKE 'zzz%'");
    expect(rows).toHaveLength(2);
  });
});
