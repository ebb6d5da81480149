import { createHash } from "node:crypto";
import { chmod, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { DataDirUnreachableError, startEmbeddedServer } from "./embedded-server";
import { withDatabaseName } from "./url";

const APP_DATABASE = "bulk_console";

export interface AppDatabase {
  url: string;
  /** Where the embedded cluster keeps its files; absent when DATABASE_URL names the server. */
  dataDir?: string;
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/** Outside a private home folder, keyed by checkout so two clones never share a cluster. */
function fallbackDataDir(projectRoot: string): string {
  const key = createHash("sha256").update(projectRoot).digest("hex").slice(0, 12);
  return path.join(tmpdir(), `bulk-console-${key}`, "postgres");
}

async function startWithFallback(dataDir: string, projectRoot: string, log: Log) {
  try {
    return await startEmbeddedServer({ dataDir, onLog: log });
  } catch (error) {
    if (!(error instanceof DataDirUnreachableError)) throw error;
    const fallback = fallbackDataDir(projectRoot);
    log(`${error.message}\nUsing ${fallback} instead; set DATA_DIR to a folder others can enter, or DATABASE_URL.`);
    await mkdir(path.dirname(fallback), { recursive: true });
    await chmod(path.dirname(fallback), 0o755);
    return startEmbeddedServer({ dataDir: fallback, onLog: log });
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL with its data under DATA_DIR. */
export async function openAppDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  projectRoot: string;
  log: Log;
}): Promise<AppDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, stop: async () => {} };
  const dataDir = path.resolve(options.projectRoot, options.dataDir, "postgres");
  const server = await startWithFallback(dataDir, options.projectRoot, options.log);
  await ensureDatabase(server.url, APP_DATABASE);
  return { url: withDatabaseName(server.url, APP_DATABASE), dataDir: server.dataDir, stop: server.stop };
}
