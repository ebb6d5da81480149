/**
 * The job runner: claim due jobs under a lease → one short step each → release with the next check time.
 * Any number of runners (replicas, the in-process loop, the cron tick) can run at once: SKIP LOCKED and
 * the lease keep a job in one runner's hands, and every create is fenced by that lease.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { isAppError } from "../errors";
import { getLogger } from "../logger";
import { instrumentPort, observeStep } from "../metrics/instrument";
import { BulkCallError, type BulkPort } from "./bulk-port";
import { getJobForStep, type StepJob } from "./data";
import { addJobEvent, claimDueJobs, fence, LeaseLostError, refreshJobCounts, releaseJob, updateJobFenced } from "./mutations";
import { DEFAULT_SETTINGS, type RunnerSettings } from "./settings";
import type { StepContext, StepResult } from "./step-context";
import { stepAttached } from "./steps/attached";
import { stepV1Ingest } from "./steps/v1-ingest";
import { stepV1Query } from "./steps/v1-query";
import { stepV2Ingest } from "./steps/v2-ingest";
import { stepV2Query } from "./steps/v2-query";

type Notice = (type: "refresh" | "retry", message: string) => void;

/** Gives the runner a Salesforce client for a job's org connection. */
export type PortFactory = (job: StepJob, notice: Notice, settings: RunnerSettings) => Promise<BulkPort>;

export interface RunnerOptions {
  portFor: PortFactory;
  owner?: string;
  settings?: Partial<RunnerSettings>;
}

export interface Runner {
  readonly owner: string;
  /** Claims what is due and runs one step of each; returns how many steps ran. */
  runOnce(): Promise<number>;
  /** Runs steps until nothing is due or the budget is spent (the cron tick). */
  drain(budgetMs: number): Promise<number>;
  start(): void;
  /**
   * Stops claiming and waits up to `graceMs` for the steps in flight; a step still running then has its
   * lease released, so another runner takes the job at once and this one's fenced writes fail harmlessly.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

function dispatch(ctx: StepContext): Promise<StepResult> {
  if (ctx.job.origin === "attached") return stepAttached(ctx);
  const query = ctx.job.operation === "query" || ctx.job.operation === "queryAll";
  if (ctx.job.api === "v1") return query ? stepV1Query(ctx) : stepV1Ingest(ctx);
  return query ? stepV2Query(ctx) : stepV2Ingest(ctx);
}

export function createRunner(options: RunnerOptions): Runner {
  const settings: RunnerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = getLogger();
  let running = false;
  // Consecutive failed steps per job, so a job that keeps failing is retried less and less often.
  const failures = new Map<string, number>();
  let loop: Promise<void> | null = null;
  let stopping = false;
  let wake: (() => void) | null = null;
  const inFlight = new Set<string>();

  async function step(jobId: string): Promise<void> {
    let delayMs = settings.retryMs;
    let port: BulkPort | undefined;
    const startedAt = performance.now();
    let outcome: "ok" | "error" = "error";
    inFlight.add(jobId);
    const heartbeat = setInterval(() => void fence(jobId, owner, settings.leaseMs).catch(() => {}), settings.leaseMs / 3);
    const note = (type: string, message: string, details?: Record<string, string>) =>
      addJobEvent(jobId, type, message, details).catch((error: unknown) => log.warn({ err: error, jobId }, "could not record a job event"));
    try {
      const job = await getJobForStep(jobId);
      if (job.state === "queued" || job.state === "paused") {
        await updateJobFenced(jobId, owner, { state: "running", stateMessage: null, ...(job.startedAt ? {} : { startedAt: new Date() }) }, job.state);
        await note(job.state === "queued" ? "started" : "resumed", job.state === "queued" ? "The runner picked the job up." : "Resumed after the pause.");
        job.state = "running";
      }
      port = instrumentPort(await options.portFor(job, (type, message) => void note(type, message), settings));
      delayMs = (await dispatch({ job, port, owner, settings })).delayMs;
      failures.delete(jobId);
      outcome = "ok";
    } catch (error) {
      const failed = (failures.get(jobId) ?? 0) + 1;
      failures.set(jobId, failed);
      delayMs = Math.min(settings.maxPollMs, settings.retryMs * 2 ** Math.min(failed - 1, 10));
      if (error instanceof LeaseLostError) return;
      if (error instanceof BulkCallError && error.kind === "limit") {
        const reason = error.errorCode === "API_QUOTA_NEAR" ? error.message : `Salesforce refused more API calls (${error.errorCode}).`;
        const message = `Paused: ${reason} The job resumes by itself in ${Math.round(settings.pauseMs / 60_000)} minutes.`;
        // An aborting job is not paused; it simply tries again after the same wait.
        const paused = await updateJobFenced(jobId, owner, { state: "paused", stateMessage: message }, "running").then(() => true, () => false);
        if (paused) await note("paused", message, { errorCode: error.errorCode });
        delayMs = settings.pauseMs;
        failures.delete(jobId);
      } else if (error instanceof BulkCallError && error.kind === "fatal") {
        const message = `Salesforce refused the request: ${error.message}`;
        await updateJobFenced(jobId, owner, { state: "failed", stateMessage: message, finishedAt: new Date() }).catch(() => {});
        await refreshJobCounts(jobId).catch(() => {});
        await note("failed", message, { errorCode: error.errorCode });
        failures.delete(jobId);
      } else if (error instanceof BulkCallError || isAppError(error)) {
        // Passing trouble (5xx, dropped connection, a refresh that failed for now): the next step tries again.
        const code = error instanceof BulkCallError ? error.errorCode : error.code;
        await note("retry", `Will retry: ${error.message}`, { errorCode: code });
      } else {
        log.error({ err: error, jobId }, "job step failed");
        await note("retry", "Will retry after an unexpected error (details in the server log).");
      }
    } finally {
      clearInterval(heartbeat);
      observeStep(startedAt, outcome);
      inFlight.delete(jobId);
      port?.apiUsage(); // remembers this step's Sforce-Limit-Info for the next step's quota guard
      // While shutting down, hand the job over due now so another replica continues without waiting.
      await releaseJob(jobId, owner, new Date(stopping ? Date.now() : Date.now() + delayMs)).catch((error: unknown) => log.warn({ err: error, jobId }, "could not release a job"));
    }
  }

  async function runOnce(): Promise<number> {
    const ids = await claimDueJobs(owner, settings.leaseMs, settings.concurrency);
    await Promise.all(ids.map(step));
    return ids.length;
  }

  return {
    owner,
    runOnce,
    async drain(budgetMs) {
      const end = Date.now() + budgetMs;
      let steps = 0;
      while (Date.now() < end) {
        const ran = await runOnce();
        if (ran === 0) break;
        steps += ran;
      }
      return steps;
    },
    start() {
      if (running) return;
      running = true;
      stopping = false;
      loop = (async () => {
        // While the database is unreachable, wait longer after each failed claim (up to a minute) so the log is not flooded.
        let failures = 0;
        while (running) {
          const ran = await runOnce().then(
            (count) => ((failures = 0), count),
            (error: unknown) => {
              if (failures++ === 0 || failures % 10 === 0) log.error({ err: error, failures }, "runner loop failed to claim jobs");
              return 0;
            },
          );
          if (ran === 0 && running) {
            const waitMs = failures === 0 ? settings.idleMs : Math.min(60_000, settings.idleMs * 2 ** Math.min(failures, 6));
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, waitMs);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = null;
          }
        }
      })();
    },
    async stop({ graceMs = Number.POSITIVE_INFINITY } = {}) {
      running = false;
      stopping = true;
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      const gone = await Promise.race([
        (loop ?? Promise.resolve()).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.min(graceMs, 2 ** 31 - 1)))),
      ]);
      clearTimeout(timer);
      if (!gone) {
        const held = [...inFlight];
        await Promise.all(held.map((jobId) => releaseJob(jobId, owner, new Date()).catch(() => {})));
        log.warn({ jobIds: held, owner }, "released the leases of steps still running at shutdown");
      }
      loop = null;
    },
  };
}
