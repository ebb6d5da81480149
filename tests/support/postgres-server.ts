import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedServer } from "../../lib/database/embedded-server";

export interface PostgresServer {
  /** URL of a database on the server with rights to create and drop databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The server tests run against: the one DATABASE_URL names, or a throwaway embedded cluster.
 * Test clusters live under the system temp folder because, as root, the postgres user
 * cannot reach a checkout inside a private home folder.
 */
export async function startPostgresForTests(): Promise<PostgresServer> {
  const external = process.env.DATABASE_URL;
  if (external) return { adminUrl: external, stop: async () => {} };
  const parent = await mkdtemp(path.join(tmpdir(), "bulk-console-test-"));
  await chmod(parent, 0o755); // mkdtemp makes it private; the postgres user must pass through it
  const dataDir = path.join(parent, "pg");
  const server = await startEmbeddedServer({ dataDir, ephemeral: true });
  return {
    adminUrl: server.url,
    stop: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
