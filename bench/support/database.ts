/** A throwaway embedded Postgres for one benchmark run, with the databases it asks for. */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedServer } from "../../lib/database/embedded-server";
import { withDatabaseName } from "../../lib/database/url";

export interface BenchDatabase {
  urlOf(name: string): string;
  stop(): Promise<void>;
}

export async function startBenchDatabase(prefix: string, names: string[]): Promise<BenchDatabase> {
  const parent = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  // The embedded server runs as the postgres user when we are root: it must reach the data directory.
  await chmod(parent, 0o755);
  const server = await startEmbeddedServer({ dataDir: path.join(parent, "pg") });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  for (const name of names) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    urlOf: (name) => withDatabaseName(server.url, name),
    stop: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
