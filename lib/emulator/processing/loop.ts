/**
 * The processing loop: N workers, each claiming one unit of work at a time from Postgres (v2 job steps
 * first, then batches), sleeping until the next poll or a kick when there is nothing to do.
 */
import type { EmulatorContext } from "../http/context";
import { getJobById } from "../protocols/common/jobs";
import { finishBatch, type Claim } from "./batch-state";
import { claimBatch, claimV2Job, releaseBatch } from "./claim";
import { processIngestBatch } from "./ingest";
import { processV1QueryBatch, processV2Query } from "./query";
import { completeV2Ingest, splitV2Ingest } from "./v2-ingest";

const MAX_ATTEMPTS = 3;

export interface ProcessingLoop {
  kick(): void;
  stop(): Promise<void>;
}

export function startProcessing(ctx: EmulatorContext): ProcessingLoop {
  let stopped = false;
  let wake: (() => void) | null = null;
  let wakePromise: Promise<void> | null = null;

  const sleep = (ms: number): Promise<void> => {
    if (!wakePromise) wakePromise = new Promise<void>((resolve) => (wake = resolve));
    const timer = new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    return Promise.race([wakePromise, timer]);
  };

  const kick = () => {
    const resolve = wake;
    wake = null;
    wakePromise = null;
    resolve?.();
  };

  async function runBatch(claim: Claim): Promise<void> {
    const job = await getJobById(ctx.pool, claim.batch.jobId);
    if (!job) return;
    try {
      const kind = claim.batch.kind;
      if (kind === "query" || kind === "pkchunk") await processV1QueryBatch(ctx, claim, job);
      else await processIngestBatch(ctx, claim, job, () => stopped);
    } catch (error) {
      ctx.log(`batch ${claim.batch.id} failed unexpectedly: ${(error as Error).message}`);
      if (claim.attempt >= MAX_ATTEMPTS) {
        await finishBatch(ctx.pool, claim, "Failed", "InternalServerError : Internal server error").catch(() => {});
      } else {
        await releaseBatch(ctx.pool, claim, 1000, true).catch(() => {});
      }
    }
    if (stopped) await releaseBatch(ctx.pool, claim, 0, false).catch(() => {});
    if (claim.batch.kind === "v2part") await completeV2Ingest(ctx, claim.batch.jobId);
  }

  async function step(): Promise<boolean> {
    const leaseMs = ctx.config.processing.leaseMs;
    const v2 = await claimV2Job(ctx.pool, leaseMs);
    if (v2) {
      try {
        if (v2.job.kind === "v2query") await processV2Query(ctx, v2.job, v2.startedAt);
        else await splitV2Ingest(ctx, v2.job);
      } catch (error) {
        // A bug or bad data must not make the job loop through lease takeovers forever.
        ctx.log(`job ${v2.job.id} failed unexpectedly: ${(error as Error).message}`);
        await ctx.pool
          .query(
            "UPDATE emulator.bulk_jobs SET state = 'Failed', error_message = $2, lease_until = NULL, system_modstamp = now() WHERE id = $1 AND state = 'InProgress'",
            [v2.job.id, "InternalServerError : Internal server error"],
          )
          .catch(() => {});
      }
      return true;
    }
    const claim = await claimBatch(ctx.pool, leaseMs);
    if (!claim) return false;
    await runBatch(claim);
    return true;
  }

  async function worker(): Promise<void> {
    while (!stopped) {
      let worked = false;
      try {
        worked = await step();
      } catch (error) {
        if (!stopped) ctx.log(`processing step failed: ${(error as Error).message}`);
      }
      if (!worked && !stopped) await sleep(ctx.config.processing.pollIntervalMs);
    }
  }

  const workers = Array.from({ length: ctx.config.processing.workers }, () => worker());
  return {
    kick,
    stop: async () => {
      stopped = true;
      kick();
      await Promise.all(workers);
    },
  };
}
