import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorPool, migrateEmulatorSchema } from "../../../lib/emulator/db";
import { createOrgStore, csvValue, flattenRecord, seedDemoOrg, type OrgStore, type QueryOptions } from "../../../lib/emulator/org";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let db: TestDatabase;
let pool: pg.Pool;
let store: OrgStore;
let orgId: string;
let userId: string;
let otherOrgId: string;

async function rowsOf(soql: string, options: QueryOptions = {}) {
  const run = await store.query(orgId, soql, options);
  const rows: Record<string, unknown>[] = [];
  for await (const chunk of run.rows()) rows.push(...chunk);
  return rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createEmulatorPool(db.url);
  await migrateEmulatorSchema(pool);
  const demo = await seedDemoOrg(pool, { seedRecords: false });
  ({ orgId, userId } = demo);
  otherOrgId = demo.sandboxOrgId;
  store = createOrgStore(pool);
  const rows = Array.from({ length: 5000 }, (_, i) => ({
    Name: `Acct ${String(i).padStart(4, "0")}`,
    AnnualRevenue: i % 10 === 0 ? "" : String(i),
    Industry: i % 2 === 0 ? "Banking" : "Retail",
    Rating: i % 3 === 0 ? "Hot" : "",
  }));
  const results = await store.applyDml(orgId, userId, { operation: "insert", object: "Account", rows });
  expect(results.every((result) => result.success)).toBe(true);
  await store.applyDml(demo.sandboxOrgId, demo.sandboxUserId, { operation: "insert", object: "Account", rows: [{ Name: "Other org" }] });
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe("query execution", () => {
  it("streams a larger result in chunks without crossing orgs", async () => {
    const run = await store.query(orgId, "SELECT Id, Name FROM Account", { chunkSize: 1000 });
    const sizes: number[] = [];
    const names = new Set<string>();
    for await (const chunk of run.rows()) {
      sizes.push(chunk.length);
      for (const row of chunk) names.add(row.Name as string);
    }
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(names.has("Other org")).toBe(false);
    const other = await store.query(otherOrgId, "SELECT COUNT() FROM Account");
    expect(other.totalSize).toBe(1);
  });

  it("releases its connection when the consumer stops early", async () => {
    for (let i = 0; i < 15; i += 1) {
      const run = await store.query(orgId, "SELECT Id FROM Account", { chunkSize: 10 });
      for await (const chunk of run.rows()) {
        expect(chunk).toHaveLength(10);
        break;
      }
    }
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it("orders with SOQL null placement, limits, offsets and skips", async () => {
    const asc = await rowsOf("SELECT Name, AnnualRevenue FROM Account ORDER BY AnnualRevenue LIMIT 3");
    expect(asc.map((row) => row.AnnualRevenue)).toEqual([null, null, null]);
    const desc = await rowsOf("SELECT Name, AnnualRevenue FROM Account ORDER BY AnnualRevenue DESC LIMIT 2");
    expect(desc.map((row) => row.AnnualRevenue)).toEqual([4999, 4998]);
    const paged = await rowsOf("SELECT Name FROM Account ORDER BY Name LIMIT 5 OFFSET 10", { skip: 2 });
    expect(paged.map((row) => row.Name)).toEqual(["Acct 0012", "Acct 0013", "Acct 0014"]);
    const run = await store.query(orgId, "SELECT Name FROM Account WHERE Industry = 'banking' LIMIT 100", { withTotalSize: true });
    expect(run.totalSize).toBe(100);
  });

  it("filters with comparison, IN, NOT IN, null and != semantics", async () => {
    const count = async (where: string) => (await store.query(orgId, `SELECT COUNT() FROM Account WHERE ${where}`)).totalSize;
    expect(await count("AnnualRevenue = null")).toBe(500);
    expect(await count("AnnualRevenue != null")).toBe(4500);
    expect(await count("AnnualRevenue >= 4990")).toBe(9);
    expect(await count("Rating != 'Hot'")).toBe(3333);
    expect(await count("Rating IN ('hot', 'Warm')")).toBe(1667);
    expect(await count("Rating NOT IN ('Hot')")).toBe(3333);
    expect(await count("Name LIKE 'acct 000_'")).toBe(10);
    expect(await count("(Industry = 'Banking' OR Rating = 'Hot') AND AnnualRevenue < 100")).toBe(57);
    expect(await count("CreatedDate = TODAY AND CreatedDate > 2020-01-01T00:00:00Z")).toBe(5000);
    expect(await count("CreatedDate < YESTERDAY")).toBe(0);
    expect(await count("OwnerId = '" + userId.slice(0, 15) + "'")).toBe(5000);
  });

  it("formats CSV cells and JSON values by type", async () => {
    const run = await store.query(orgId, "SELECT Name, AnnualRevenue, CreatedDate, Owner.Name, Parent.Name FROM Account WHERE Name = 'Acct 0001'");
    const [row] = await rowsOf("SELECT Name, AnnualRevenue, CreatedDate, Owner.Name, Parent.Name FROM Account WHERE Name = 'Acct 0001'");
    expect(row).toMatchObject({ Name: "Acct 0001", AnnualRevenue: 1, Owner: { Name: "Demo User" }, Parent: null });
    const cells = flattenRecord(row, run.columns).map((value, i) => csvValue(value, run.columns[i].type));
    expect(cells[0]).toBe("Acct 0001");
    expect(cells[1]).toBe("1");
    expect(cells[2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(cells.slice(3)).toEqual(["Demo User", ""]);
  });

  it("splits an object into PK chunks whose ranges cover every row once", async () => {
    const ranges = await store.pkChunkBoundaries(orgId, "Account", 2000);
    expect(ranges).toHaveLength(3);
    expect(ranges[2].lt).toBeNull();
    let total = 0;
    for (const range of ranges) {
      const run = await store.query(orgId, "SELECT Id FROM Account", { idRange: { gte: range.gte, lt: range.lt ?? undefined } });
      for await (const chunk of run.rows()) total += chunk.length;
    }
    expect(total).toBe(5000);
    const empty = await store.pkChunkBoundaries(orgId, "Invoice__c", 100);
    expect(empty).toEqual([{ gte: expect.stringMatching(/^a00/), lt: null }]);
  });
});
