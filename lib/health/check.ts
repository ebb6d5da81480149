import { getDb } from "../db";
import type { PrismaClient } from "../generated/prisma/client";
import { APP_VERSION } from "../version";

type ComponentState = "up" | "down";

export interface HealthReport {
  status: "ok" | "down";
  database: ComponentState;
  /** Names each component that is down, with a reason safe to show anyone. */
  problems: string[];
  version: string;
  uptimeSeconds: number;
  checkedAt: string;
}

const DATABASE_TIMEOUT_MS = 2_000;

async function probeDatabase(): Promise<string | null> {
  let db: PrismaClient;
  try {
    db = getDb();
  } catch {
    return "database is not configured";
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`database did not answer within ${DATABASE_TIMEOUT_MS} ms`), DATABASE_TIMEOUT_MS);
  });
  // The driver's message can carry host and user names: report only that the database is unreachable.
  const probe = db.$queryRaw`SELECT 1`.then(
    () => null,
    () => "database is unreachable",
  );
  const problem = await Promise.race([probe, timeout]);
  clearTimeout(timer);
  return problem;
}

export async function checkHealth(): Promise<HealthReport> {
  const databaseProblem = await probeDatabase();
  const problems = databaseProblem ? [databaseProblem] : [];
  return {
    status: problems.length ? "down" : "ok",
    database: databaseProblem ? "down" : "up",
    problems,
    version: APP_VERSION,
    uptimeSeconds: Math.round(process.uptime()),
    checkedAt: new Date().toISOString(),
  };
}
