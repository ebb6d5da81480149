/** What scripts/e2e-server.ts tells the browser specs about the server it started (a JSON file per port). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface E2eServerInfo {
  port: number;
  /** A database on the same PostgreSQL server with rights to create and drop databases. */
  adminUrl: string;
  /** The app's database, which migrate.mjs migrated. */
  databaseUrl: string;
  emulatorUrl: string;
  standaloneDir: string;
  /** The environment the server was started with (secrets included): replicas need the same. */
  env: Record<string, string>;
  /** Milliseconds from spawning the image command to the first `200` of /api/health. */
  healthyAfterMs: number | null;
}

export function e2eServerInfoPath(port: number): string {
  return path.join(projectRoot, "test-results", `e2e-server-${port}.json`);
}

/** The running e2e server's facts; waits a little for the health timing, which is written once it answers. */
export async function readE2eServerInfo(port = Number(process.env.E2E_PORT ?? 3210)): Promise<E2eServerInfo> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const info = JSON.parse(readFileSync(e2eServerInfoPath(port), "utf8")) as E2eServerInfo;
    if (info.healthyAfterMs !== null || Date.now() > deadline) return info;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
