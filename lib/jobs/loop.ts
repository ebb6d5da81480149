/** The process-wide runner: started once by long-lived servers (instrumentation.ts), shared with the cron tick. */
import { dropAllLeases } from "./mutations";
import { orgConnectionPort } from "./org-port";
import { createRunner, type Runner } from "./runner";

const globalForRunner = globalThis as unknown as { bulkConsoleRunner?: Runner };

export function getProcessRunner(): Runner {
  globalForRunner.bulkConsoleRunner ??= createRunner({ portFor: orgConnectionPort });
  return globalForRunner.bulkConsoleRunner;
}

/**
 * Starts the in-process loop. Leases of a crashed process simply expire (2 minutes); `reclaim` drops
 * them at once, which only a single-instance deployment may do.
 */
export async function startRunnerLoop(options: { reclaim?: boolean } = {}): Promise<Runner> {
  if (options.reclaim) await dropAllLeases();
  const runner = getProcessRunner();
  runner.start();
  return runner;
}
