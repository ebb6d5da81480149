import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorPool, migrateEmulatorSchema } from "../../../lib/emulator/db";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

describe("migrateEmulatorSchema", () => {
  it("applies each migration exactly once, even with concurrent callers", async () => {
    const pools = [createEmulatorPool(db.url), createEmulatorPool(db.url), createEmulatorPool(db.url)];
    try {
      const applied = await Promise.all(pools.map((pool) => migrateEmulatorSchema(pool)));
      const all = applied.flat();
      expect(all).toContain("001_org.sql");
      expect(new Set(all).size).toBe(all.length);
      expect(await migrateEmulatorSchema(pools[0])).toEqual([]);
      const { rows } = await pools[0].query("SELECT name FROM emulator.schema_migrations ORDER BY name");
      expect(rows.map((row) => row.name)).toEqual([...new Set(all)].sort());
      const { rows: tables } = await pools[0].query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'record%'",
      );
      expect(tables).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
