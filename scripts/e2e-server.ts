/**
 * The production build as the browser tests see it: a throwaway embedded database (or a fresh
 * database on DATABASE_URL's server), migrated, the Salesforce emulator (the demo org) on a free
 * port, fresh secrets, then `next start`. Stops everything on SIGTERM.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { defaultMigrationsDir, migrateDatabase } from "../lib/database/migrations";
import { startEmulator } from "../lib/emulator/index";
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
  const emulator = await startEmulator({
    databaseUrl,
    port: 0,
    host: "127.0.0.1",
    config: { processing: { latencyMs: 0, pollIntervalMs: 50 } },
    log: (line) => console.error(`[emulator] ${line}`),
  });
  const emulatorUrl = `http://127.0.0.1:${emulator.port}`;
  const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    EMULATOR: "on",
    EMULATOR_PORT: String(emulator.port),
    EMULATOR_PUBLIC_URL: emulatorUrl,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    // Enable the bearer-protected endpoints, so the browser tests see them refuse callers without the bearer.
    CRON_SECRET: randomBytes(24).toString("base64url"),
    METRICS_TOKEN: randomBytes(24).toString("base64url"),
  };
  const web = startChild("web", process.execPath, [nextBin, "start", "--port", port, "--hostname", "127.0.0.1"], env, () =>
    void shutdown(1),
  );
  let stopping = false;
  async function shutdown(code: number) {
    if (stopping) return;
    stopping = true;
    await web.stop();
    await emulator.close().catch(() => {});
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
