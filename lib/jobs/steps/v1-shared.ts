/** The v1 job's life shared by ingest and query: create, reconcile an unconfirmed batch, close, abort. */
import { BulkCallError, type BatchStatus } from "../bulk-port";
import type { StepBatch } from "../data";
import { updateBatch } from "../mutations";
import { applyStatus, event, guard, now, setJob, type StepContext, type StepResult } from "../step-context";

export const V1_TERMINAL = new Set(["Completed", "Failed", "NotProcessed"]);

export async function createV1Job(ctx: StepContext): Promise<StepResult> {
  const { job } = ctx;
  // An earlier attempt whose answer was lost leaves at most an empty Open job behind: harmless, so create again.
  await guard(ctx);
  await setJob(ctx, { sfJobIntentAt: new Date() });
  const { id } = await ctx.port.v1CreateJob({
    object: job.object,
    operation: job.operation,
    externalIdField: job.externalIdField,
    concurrencyMode: job.concurrencyMode,
    pkChunking: job.pkChunking ? (job.pkChunkSize ?? true) : undefined,
  });
  await setJob(ctx, { sfJobId: id, sfJobState: "Open" });
  await event(ctx, "sf_job_created", `Created Bulk API v1 job ${id}.`, { sfJobId: id });
  return now();
}

/** Sends a batch whose intent is recorded; a lost answer leaves the intent for the next step to reconcile. */
export async function submitV1Batch(ctx: StepContext, batch: StepBatch, body: string): Promise<StepResult> {
  await guard(ctx);
  let status: BatchStatus;
  try {
    status = await ctx.port.v1CreateBatch(ctx.job.sfJobId!, body);
  } catch (error) {
    if (error instanceof BulkCallError && error.kind === "transient") {
      await event(ctx, "create_unconfirmed", `Salesforce did not confirm batch ${batch.seq + 1} (${error.errorCode}); it will be reconciled, not resent blindly.`);
      return { delayMs: ctx.settings.retryMs };
    }
    throw error;
  }
  await updateBatch(batch.id, { sfBatchId: status.id, sfJobId: ctx.job.sfJobId, submitState: "submitted" });
  batch.sfBatchId = status.id;
  await applyStatus(ctx, batch, status);
  await setJob(ctx, { submittedRows: { increment: batch.rowCount } });
  await event(ctx, "batch_submitted", `Submitted batch ${status.id} (rows ${batch.firstRow}–${batch.firstRow + batch.rowCount - 1}).`, { batchId: batch.id });
  return now();
}

/**
 * After a crash or a lost answer: is the batch on Salesforce? Batches are sent one at a time per job, so
 * a batch Salesforce lists that no row records belongs to the one unconfirmed intent.
 */
export async function reconcileV1Intent(ctx: StepContext, pending: StepBatch, resend: () => Promise<string>): Promise<StepResult> {
  const age = Date.now() - pending.updatedAt.getTime();
  if (age < ctx.settings.reconcileGraceMs) return { delayMs: ctx.settings.reconcileGraceMs - age };
  const listed = await ctx.port.v1ListBatches(ctx.job.sfJobId!);
  const known = new Set(ctx.job.batches.map((b) => b.sfBatchId).filter(Boolean));
  const orphan = listed
    .filter((b) => !known.has(b.id))
    .sort((a, b) => (a.createdDate ?? "").localeCompare(b.createdDate ?? ""))[0];
  if (orphan) {
    await updateBatch(pending.id, { sfBatchId: orphan.id, sfJobId: ctx.job.sfJobId, submitState: "submitted" });
    pending.sfBatchId = orphan.id;
    await applyStatus(ctx, pending, orphan);
    await setJob(ctx, { submittedRows: { increment: pending.rowCount } });
    await event(ctx, "reconciled", `Found batch ${orphan.id} on Salesforce for an unconfirmed submission; it was not sent again.`, { batchId: pending.id });
    return now();
  }
  if (ctx.job.state === "aborting") {
    await updateBatch(pending.id, { submitState: "abandoned" });
    return now();
  }
  await event(ctx, "reconciled", `Salesforce has no batch for an unconfirmed submission; sending it now.`, { batchId: pending.id });
  return submitV1Batch(ctx, pending, await resend());
}

export async function closeV1Job(ctx: StepContext): Promise<StepResult> {
  try {
    await ctx.port.v1CloseJob(ctx.job.sfJobId!);
  } catch (error) {
    // Closing twice (the first answer was lost) is refused as InvalidJobState: the job is closed either way.
    if (!(error instanceof BulkCallError && error.errorCode === "InvalidJobState")) throw error;
  }
  await setJob(ctx, { sfJobState: "Closed" });
  await event(ctx, "sf_job_closed", `Closed job ${ctx.job.sfJobId}: no more batches.`);
  return now();
}

export async function abortV1Job(ctx: StepContext): Promise<void> {
  if (!ctx.job.sfJobId || ctx.job.sfJobState === "Aborted") return;
  try {
    await ctx.port.v1AbortJob(ctx.job.sfJobId);
  } catch (error) {
    if (!(error instanceof BulkCallError && error.kind === "fatal")) throw error;
  }
  await setJob(ctx, { sfJobState: "Aborted" });
  ctx.job.sfJobState = "Aborted";
  await event(ctx, "sf_job_aborted", `Aborted job ${ctx.job.sfJobId}: queued batches will not be processed; batches already running finish.`);
}

/** Lists the job's batches once and records each one's status; returns Salesforce's list. */
export async function pollV1Batches(ctx: StepContext): Promise<BatchStatus[]> {
  const listed = await ctx.port.v1ListBatches(ctx.job.sfJobId!);
  const byId = new Map(listed.map((b) => [b.id, b]));
  for (const batch of ctx.job.batches) {
    const status = batch.sfBatchId ? byId.get(batch.sfBatchId) : undefined;
    if (status && (status.state !== batch.sfState || status.numberRecordsProcessed !== batch.numberRecordsProcessed)) {
      await applyStatus(ctx, batch, status);
    }
  }
  return listed;
}
