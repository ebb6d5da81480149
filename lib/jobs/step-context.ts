/** What a step gets, and the helpers every step shares. */
import { BulkCallError, type BatchStatus, type BulkPort } from "./bulk-port";
import type { StepBatch, StepJob } from "./data";
import { addJobEvent, fence, refreshJobCounts, updateBatch, updateJobFenced, type EventDetails, type JobPatch } from "./mutations";
import { buildProjection, columnMappingSchema, type Projection } from "./projection";
import type { RunnerSettings } from "./settings";

export interface StepContext {
  job: StepJob;
  port: BulkPort;
  owner: string;
  settings: RunnerSettings;
}

/** How long until the job should be looked at again (0 = more work right away). */
export interface StepResult {
  delayMs: number;
}

export const now = (): StepResult => ({ delayMs: 0 });

/**
 * Before every create: the lease must still be ours, and the org's daily API quota must leave room
 * (polls and result downloads go on; only new submissions wait).
 */
export async function guard(ctx: StepContext): Promise<void> {
  const usage = ctx.port.apiUsage();
  if (usage && usage.max > 0 && usage.used / usage.max >= ctx.settings.quotaPauseAt) {
    const percent = Math.round((usage.used / usage.max) * 100);
    throw new BulkCallError("limit", "API_QUOTA_NEAR", 0, `The org has used ${percent}% of its daily API requests (${usage.used} of ${usage.max}); new submissions wait.`);
  }
  await fence(ctx.job.id, ctx.owner, ctx.settings.leaseMs);
}

export function setJob(ctx: StepContext, data: JobPatch): Promise<void> {
  return updateJobFenced(ctx.job.id, ctx.owner, data);
}

export function event(ctx: StepContext, type: string, message: string, details?: EventDetails): Promise<void> {
  return addJobEvent(ctx.job.id, type, message, details);
}

export const liveBatches = (job: StepJob) => job.batches.filter((b) => b.submitState !== "abandoned");

export function nextRowOf(job: StepJob): number {
  return liveBatches(job).reduce((next, b) => Math.max(next, b.firstRow + b.rowCount), 1);
}

export const nextSeqOf = (job: StepJob) => job.batches.reduce((max, b) => Math.max(max, b.seq + 1), 0);

export function projectionOf(job: StepJob): Projection {
  const mapping = job.columnMapping ? columnMappingSchema.parse(job.columnMapping) : null;
  return buildProjection((job.upload?.columns ?? []) as string[], mapping);
}

function pollDelay(ctx: StepContext): number {
  return Math.min(ctx.settings.maxPollMs, Math.round(ctx.settings.pollMs * 1.5 ** Math.min(ctx.job.pollCount, 20)));
}

/** Records Salesforce's view of a batch (sfbulk's batch_status fields) and logs state changes. */
export async function applyStatus(ctx: StepContext, batch: StepBatch, status: BatchStatus): Promise<void> {
  const changed = batch.sfState !== status.state;
  const parse = (value?: string) => (value ? new Date(value.replace(/\+0000$/, "Z")) : undefined);
  const updated = await updateBatch(batch.id, {
    sfState: status.state,
    stateMessage: status.stateMessage ?? null,
    numberRecordsProcessed: status.numberRecordsProcessed,
    numberRecordsFailed: status.numberRecordsFailed,
    totalProcessingTime: status.totalProcessingTime,
    apiActiveProcessingTime: status.apiActiveProcessingTime,
    apexProcessingTime: status.apexProcessingTime,
    retries: status.retries ?? 0,
    sfCreatedDate: parse(status.createdDate),
    systemModstamp: parse(status.systemModstamp),
  });
  Object.assign(batch, updated);
  if (changed) {
    const what = batch.sfBatchId ? `Batch ${batch.sfBatchId}` : `Salesforce job ${batch.sfJobId}`;
    await event(ctx, "batch_state", `${what} is ${status.state}${status.stateMessage ? `: ${status.stateMessage}` : ""}.`, {
      batchId: batch.id,
      state: status.state,
    });
  }
}

/** Ends the job: counts from the stored outcomes, then the final state. */
export async function finish(ctx: StepContext, state: "completed" | "failed" | "aborted", message?: string): Promise<StepResult> {
  const counts = await refreshJobCounts(ctx.job.id);
  await setJob(ctx, { state, stateMessage: message ?? null, finishedAt: new Date() });
  const summary = `${counts.processed} processed, ${counts.failed} failed, ${counts.unprocessed} unprocessed`;
  await event(ctx, state, `Job ${state}: ${summary}.${message ? ` ${message}` : ""}`, counts);
  return now();
}

/** Between polls: counters move, the next poll waits a little longer. */
export async function keepPolling(ctx: StepContext): Promise<StepResult> {
  await refreshJobCounts(ctx.job.id);
  await setJob(ctx, { pollCount: { increment: 1 } });
  return { delayMs: pollDelay(ctx) };
}
