import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type pg from "pg";

// Any constant works; it only has to be the same in every emulator process.
const MIGRATION_LOCK_KEY = 7_464_736_001;

function migrationsDir(): string {
  return fileURLToPath(new URL("./migrations/", import.meta.url));
}

/**
 * Creates schema `emulator` and applies every `migrations/*.sql` not yet recorded, in file-name
 * order, each in its own transaction under a transaction-scoped advisory lock, so concurrent
 * emulator processes starting together apply each file exactly once.
 */
export async function migrateEmulatorSchema(pool: pg.Pool): Promise<string[]> {
  const files = (await readdir(migrationsDir())).filter((name) => name.endsWith(".sql")).sort();
  const applied: string[] = [];
  for (const name of files) {
    const sql = await readFile(new URL(`./migrations/${name}`, import.meta.url), "utf8");
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      await client.query("CREATE SCHEMA IF NOT EXISTS emulator");
      await client.query(
        "CREATE TABLE IF NOT EXISTS emulator.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const done = await client.query("SELECT 1 FROM emulator.schema_migrations WHERE name = $1", [name]);
      if (done.rowCount === 0) {
        await client.query(sql);
        await client.query("INSERT INTO emulator.schema_migrations (name) VALUES ($1)", [name]);
        applied.push(name);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  return applied;
}
