import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrateDatabase, MigrationError } from "@/lib/database/migrations";
import { createTestDatabase, type TestDatabase } from "../../support/database";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function addMigration(dir: string, name: string, sql: string) {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("migration runner", () => {
  let db: TestDatabase;
  let migrationsDir: string;

  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false });
    migrationsDir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    await cp(defaultMigrationsDir(), migrationsDir, { recursive: true });
  });
  afterEach(async () => {
    await db.drop();
    await rm(migrationsDir, { recursive: true, force: true });
  });

  it("records each migration the way prisma migrate deploy does", async () => {
    const report = await migrateDatabase(db.url, migrationsDir);
    expect(report.applied.length).toBeGreaterThan(0);
    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      started_at: Date;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(db.url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(report.applied);
    const first = rows[0];
    const sql = await readFile(path.join(migrationsDir, first.migration_name, "migration.sql"), "utf8");
    expect(first.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.applied_steps_count).toBe(1);
    expect(first.rolled_back_at).toBeNull();
    expect(first.finished_at!.getTime()).toBeGreaterThanOrEqual(first.started_at.getTime());
  });

  it("applies nothing twice", async () => {
    await migrateDatabase(db.url, migrationsDir);
    const again = await migrateDatabase(db.url, migrationsDir);
    expect(again.applied).toEqual([]);
    const [{ n }] = await query<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(n).toBe(again.alreadyApplied);
  });

  it("lets two starting servers race without applying anything twice", async () => {
    await addMigration(migrationsDir, "29990101000000_slow", `SELECT pg_sleep(0.3); CREATE TABLE "race_probe" (id int);`);
    const [a, b] = await Promise.all([migrateDatabase(db.url, migrationsDir), migrateDatabase(db.url, migrationsDir)]);
    expect([...a.applied, ...b.applied].filter((name) => name.endsWith("_slow"))).toHaveLength(1);
  });

  it("applies only what is new", async () => {
    await migrateDatabase(db.url, migrationsDir);
    await addMigration(migrationsDir, "29990101000000_add_probe", `CREATE TABLE "probe" (id int PRIMARY KEY);`);
    const report = await migrateDatabase(db.url, migrationsDir);
    expect(report.applied).toEqual(["29990101000000_add_probe"]);
    expect(await query(db.url, `SELECT * FROM "probe"`)).toEqual([]);
  });

  it("rolls back a failing migration completely and records nothing", async () => {
    await addMigration(
      migrationsDir,
      "29990101000000_broken",
      `CREATE TABLE "half_done" (id int); INSERT INTO "no_such_table" VALUES (1);`,
    );
    await expect(migrateDatabase(db.url, migrationsDir)).rejects.toThrow(
      /29990101000000_broken failed and was rolled back: relation "no_such_table" does not exist/,
    );
    const tables = await query(db.url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(tables).toEqual([]);
    const rows = await query(db.url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name LIKE '%broken'`);
    expect(rows).toEqual([]);
  });

  it("refuses to start when an applied migration's file has changed", async () => {
    const report = await migrateDatabase(db.url, migrationsDir);
    const name = report.applied[0];
    await writeFile(path.join(migrationsDir, name, "migration.sql"), "-- edited\nSELECT 1;");
    await expect(migrateDatabase(db.url, migrationsDir)).rejects.toThrow(MigrationError);
    await expect(migrateDatabase(db.url, migrationsDir)).rejects.toThrow(`Migration ${name} was changed after it was applied`);
  });

  it("refuses to start over a migration that began and never finished", async () => {
    await migrateDatabase(db.url, migrationsDir);
    await query(
      db.url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('00000000-0000-4000-8000-000000000000', 'x', '29990101000000_stuck')`,
    );
    await addMigration(migrationsDir, "29990101000000_stuck", "SELECT 1;");
    await expect(migrateDatabase(db.url, migrationsDir)).rejects.toThrow(/29990101000000_stuck started but never finished/);
  });
});
