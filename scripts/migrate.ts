/** `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the embedded database), then exit. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openAppDatabase } from "../lib/database/local-database";
import { defaultMigrationsDir, migrateDatabase } from "../lib/database/migrations";
import { getEnv } from "../lib/env.mjs";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line: string) => console.log(`[migrate] ${line}`);

async function main() {
  const env = getEnv();
  const database = await openAppDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, projectRoot, log });
  try {
    const report = await migrateDatabase(database.url, defaultMigrationsDir());
    log(`${report.applied.length} applied now${report.applied.length ? `: ${report.applied.join(", ")}` : ""}; ${report.alreadyApplied} already applied.`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[migrate] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
