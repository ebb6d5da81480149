/**
 * The app as the browser tests see it, run the way the container runs it: a throwaway embedded database
 * (or a fresh database on DATABASE_URL's server), the Salesforce emulator (the demo org) on a free port,
 * fresh secrets, then the image's command in a copy of the standalone folder outside the project (the
 * image's /app): `node migrate.mjs && exec node server.js` (migrate.mjs migrates the empty database). What a spec needs to start more servers on the
 * same database (replicas) is written to `test-results/e2e-server-<port>.json`. Stops everything on SIGTERM.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmulator } from "../lib/emulator/index";
import { withDatabaseName } from "../lib/database/url";
import { startPostgresForTests } from "../tests/support/postgres-server";
import { copyStandalone, IMAGE_COMMAND, standaloneDir, startStandalone } from "../tests/support/standalone";
import { e2eServerInfoPath, type E2eServerInfo } from "../tests/support/e2e-server-info";

const port = Number(process.argv[2] ?? "3210");

async function main() {
  const image = copyStandalone(standaloneDir());
  const dir = image.dir;
  process.once("exit", () => image.remove());
  const server = await startPostgresForTests();
  const name = `e2e_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const databaseUrl = withDatabaseName(server.adminUrl, name);
  const emulator = await startEmulator({
    databaseUrl,
    port: 0,
    host: "127.0.0.1",
    config: { processing: { latencyMs: 0, pollIntervalMs: 50 } },
    log: (line) => console.error(`[emulator] ${line}`),
  });
  const emulatorUrl = `http://127.0.0.1:${emulator.port}`;
  const env = {
    DATABASE_URL: databaseUrl,
    EMULATOR: "on",
    EMULATOR_PORT: String(emulator.port),
    EMULATOR_PUBLIC_URL: emulatorUrl,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    // Enable the bearer-protected endpoints, so the browser tests see them refuse callers without the bearer.
    CRON_SECRET: randomBytes(24).toString("base64url"),
    METRICS_TOKEN: randomBytes(24).toString("base64url"),
    // A line per request would drown the test report; warnings and errors still show.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // A killed replica's jobs are taken over within seconds, not a minute.
    RUNNER_LEASE_SECONDS: "10",
  };
  const info: E2eServerInfo = { port, adminUrl: server.adminUrl, databaseUrl, emulatorUrl, standaloneDir: dir, env, healthyAfterMs: null };
  const write = () => {
    mkdirSync(path.dirname(e2eServerInfoPath(port)), { recursive: true });
    writeFileSync(e2eServerInfoPath(port), JSON.stringify(info, null, 2), { mode: 0o600 });
  };
  write();

  const web = startStandalone({ name: "web", dir, port, env, echo: true });
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
  web.process.once("exit", () => void shutdown(1));
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGINT", () => void shutdown(0));
  try {
    info.healthyAfterMs = await web.healthy(120_000);
  } catch (error) {
    console.error(`e2e server failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
  write();
  console.error(`[e2e] standalone server healthy ${info.healthyAfterMs} ms after \`sh -c "${IMAGE_COMMAND}"\``);
}

main().catch((error: unknown) => {
  console.error(`e2e server failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
