/**
 * The production build as the browser tests see it: a throwaway embedded database (or a fresh
 * database on DATABASE_URL's server), migrated, then `next start`. Stops everything on SIGTERM.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { defaultMigrationsDir, migrateDatabase } from "../lib/database/migrations";
import { withDatabaseName } from "../lib/database/url";
import { startPostgresForTests } from "../tests/support/postgres-server";
import { startChild } from "./children";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.argv[2] ?? "3210";

async function main() {
  const server = await startPostgresForTests();
  const name = `e2e_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = withDatabaseName(server.adminUrl, name);
  await migrateDatabase(databaseUrl, defaultMigrationsDir());
  const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const web = startChild("web", process.execPath, [nextBin, "start", "--port", port, "--hostname", "127.0.0.1"], env, () =>
    void shutdown(1),
  );
  let stopping = false;
  async function shutdown(code: number) {
    if (stopping) return;
    stopping = true;
    await web.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await server.stop();
    process.exit(code);
  }
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGINT", () => void shutdown(0));
}

main().catch((error: unknown) => {
  console.error(`e2e server failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
