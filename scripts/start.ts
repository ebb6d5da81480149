/**
 * `npm run dev` / `npm start`: the whole app in one command. Opens the database (DATABASE_URL,
 * or the embedded PostgreSQL), applies pending migrations, starts the Salesforce emulator
 * (unless EMULATOR=off), then the Next.js server; Ctrl-C or SIGTERM stops all of it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openAppDatabase } from "../lib/database/local-database";
import { defaultMigrationsDir, migrateDatabase } from "../lib/database/migrations";
import { redactDatabaseUrl } from "../lib/database/url";
import { loadOrCreateDevSecrets } from "../lib/crypto";
import { getEnv } from "../lib/env.mjs";
import { startChild, type Child } from "./children";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mode = process.argv[2] === "start" ? "start" : "dev";
const log = (line: string) => console.log(`[bulk-console] ${line}`);

async function main() {
  const env = loadEnv();
  const database = await openAppDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    projectRoot,
    log,
  });
  log(`Database: ${redactDatabaseUrl(database.url)}${database.dataDir ? ` (embedded, data in ${database.dataDir})` : ""}`);
  const children: Child[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map((child) => child.stop()));
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  const report = await migrateDatabase(database.url, defaultMigrationsDir());
  log(`Migrations: ${report.applied.length} applied now, ${report.alreadyApplied} already applied.`);

  const childEnv = {
    ...process.env,
    ...secretsFor(env, path.resolve(projectRoot, env.DATA_DIR)),
    DATABASE_URL: database.url,
    PORT: String(env.PORT),
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const watchdog = ["--import", path.join(projectRoot, "scripts", "exit-with-parent.mjs")];
  const emulatorEntry = path.join(projectRoot, "lib", "emulator", "cli.ts");
  if (env.EMULATOR === "on" && existsSync(emulatorEntry)) {
    children.push(startChild("emulator", process.execPath, [...watchdog, "--import", "tsx", emulatorEntry], childEnv, onExit));
  }
  const nextBin = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
  children.push(startChild("web", process.execPath, [...watchdog, nextBin, mode, "--port", String(env.PORT)], childEnv, onExit));
  log(`Web server starting on http://localhost:${env.PORT}`);

  function onExit(name: string, code: number | null) {
    if (stopping) return;
    log(`${name} exited${code === null ? "" : ` with code ${code}`}; stopping everything.`);
    void stopAll(code || 1);
  }
}

/**
 * ENCRYPTION_KEY and NEXTAUTH_SECRET: from the environment when set; otherwise (a first run on a
 * laptop) generated once into the data folder, with a warning, because losing that file means
 * losing every stored Salesforce token.
 */
function secretsFor(env: ReturnType<typeof getEnv>, dataDir: string): Record<string, string> {
  if (env.ENCRYPTION_KEY && env.NEXTAUTH_SECRET) return {};
  const generated = loadOrCreateDevSecrets(dataDir);
  const missing = [env.ENCRYPTION_KEY ? null : "ENCRYPTION_KEY", env.NEXTAUTH_SECRET ? null : "NEXTAUTH_SECRET"].filter(Boolean).join(" and ");
  log(
    `WARNING: ${missing} not set; using development secrets ${generated.created ? "generated into" : "from"} ${generated.file}. ` +
      "Set them in production (see README: ENCRYPTION_KEY); losing this file makes stored Salesforce tokens unreadable.",
  );
  return {
    ...(env.ENCRYPTION_KEY ? {} : { ENCRYPTION_KEY: generated.encryptionKey }),
    ...(env.NEXTAUTH_SECRET ? {} : { NEXTAUTH_SECRET: generated.authSecret }),
  };
}

function loadEnv() {
  const dotEnv = path.join(projectRoot, ".env");
  // Variables already set in the shell win over the file, as with Next.js's own loading.
  if (existsSync(dotEnv)) process.loadEnvFile(dotEnv);
  try {
    return getEnv();
  } catch (error) {
    console.error(`[bulk-console] ${(error as Error).message}\nSee .env.example for every variable.`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`[bulk-console] Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
