import { getDb } from "../db";
import { getEnv } from "../env.mjs";
import type { PrismaClient } from "../generated/prisma/client";
import { APP_VERSION } from "../version";

type ComponentState = "up" | "down";

export interface HealthReport {
  /** "degraded": the app serves requests, but an optional part (the demo org emulator) is down. */
  status: "ok" | "degraded" | "down";
  database: ComponentState;
  emulator: ComponentState | "off";
  /** Names each component that is down, with a reason safe to show anyone. */
  problems: string[];
  version: string;
  uptimeSeconds: number;
  checkedAt: string;
}

const DATABASE_TIMEOUT_MS = 2_000;
const EMULATOR_TIMEOUT_MS = 1_000;

/** The emulator runs beside the app on this machine; its versions list needs no session. */
async function probeEmulator(): Promise<ComponentState | "off"> {
  const env = getEnv();
  if (env.EMULATOR === "off") return "off";
  const response = await fetch(`http://127.0.0.1:${env.EMULATOR_PORT}/services/data/`, {
    signal: AbortSignal.timeout(EMULATOR_TIMEOUT_MS),
  }).catch(() => null);
  return response?.ok ? "up" : "down";
}

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
  const [databaseProblem, emulator] = await Promise.all([probeDatabase(), probeEmulator()]);
  const problems = [databaseProblem, emulator === "down" ? "demo org emulator is not answering" : null].filter(
    (problem): problem is string => problem !== null,
  );
  return {
    status: databaseProblem ? "down" : emulator === "down" ? "degraded" : "ok",
    database: databaseProblem ? "down" : "up",
    emulator,
    problems,
    version: APP_VERSION,
    uptimeSeconds: Math.round(process.uptime()),
    checkedAt: new Date().toISOString(),
  };
}
