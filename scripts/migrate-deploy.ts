/**
 * The container's migration step (bundled to `migrate.mjs` beside the standalone server): applies
 * pending migrations to DATABASE_URL under the advisory lock, so replicas can start together.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "../lib/database/migrations";
import { redactDatabaseUrl } from "../lib/database/url";

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must be set: the container has no embedded database.");
  const migrationsDir = process.env.MIGRATIONS_DIR ?? path.join(here, "prisma", "migrations");
  const report = await migrateDatabase(url, migrationsDir);
  console.log(
    JSON.stringify({
      level: "info",
      msg: "migrations applied",
      database: redactDatabaseUrl(url),
      applied: report.applied,
      alreadyApplied: report.alreadyApplied,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: "fatal", msg: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
