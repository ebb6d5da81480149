/** The process-wide runner: started once by long-lived servers (instrumentation.ts), shared with the cron tick. */
import { getEnv } from "../env.mjs";
import { getLogger } from "../logger";
import { dropAllLeases } from "./mutations";
import { orgConnectionPort } from "./org-port";
import { createRunner, type Runner } from "./runner";

/** Docker gives 10 s between SIGTERM and SIGKILL; this leaves room for Next to close its server after. */
const SHUTDOWN_GRACE_MS = 6_000;

const globalForRunner = globalThis as unknown as { bulkConsoleRunner?: Runner; bulkConsoleSignals?: boolean };

export function getProcessRunner(): Runner {
  globalForRunner.bulkConsoleRunner ??= createRunner({
    portFor: orgConnectionPort,
    settings: { leaseMs: getEnv().RUNNER_LEASE_SECONDS * 1000 },
  });
  return globalForRunner.bulkConsoleRunner;
}

/**
 * On SIGTERM/SIGINT the runner stops first (finishing or releasing its steps), then whatever handled
 * the signal before us (Next's server close) runs. Without earlier handlers the default was to die,
 * so we exit ourselves with the conventional 128 + signal code.
 */
function stopOnSignals(runner: Runner): void {
  if (globalForRunner.bulkConsoleSignals) return;
  globalForRunner.bulkConsoleSignals = true;
  for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
    const earlier = process.listeners(signal);
    process.removeAllListeners(signal);
    process.once(signal, () => {
      getLogger().info({ signal }, "stopping the job runner");
      void runner
        .stop({ graceMs: SHUTDOWN_GRACE_MS })
        .catch((error: unknown) => getLogger().error({ err: error }, "the job runner did not stop cleanly"))
        .finally(() => {
          if (earlier.length === 0) process.exit(code);
          for (const listener of earlier) (listener as (s: NodeJS.Signals) => void)(signal);
        });
    });
  }
}

/**
 * Starts the in-process loop. Leases of a crashed process simply expire (RUNNER_LEASE_SECONDS, 60 s by default); `reclaim` drops
 * them at once, which only a single-instance deployment may do.
 */
export async function startRunnerLoop(options: { reclaim?: boolean } = {}): Promise<Runner> {
  if (options.reclaim) await dropAllLeases();
  const runner = getProcessRunner();
  runner.start();
  stopOnSignals(runner);
  return runner;
}
