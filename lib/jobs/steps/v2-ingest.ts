/**
 * Bulk API 2.0 ingest: one Salesforce job per ≤ 100 MB of rows. Each job goes intent → created →
 * upload_intent → uploaded → close_intent → submitted, each state written before its call. A job found
 * mid-upload after a crash is still Open, so it is aborted and its rows go to a new job.
 */
import { outcomesFromV2 } from "../../results/outcomes";
import { storeBatchOutcomes } from "../../results/mutations";
import { BulkCallError } from "../bulk-port";
import { buildChunk, readChunkValues } from "../chunks";
import type { StepBatch } from "../data";
import { createBatchIntent, updateBatch } from "../mutations";
import { applyStatus, event, finish, guard, keepPolling, liveBatches, nextRowOf, nextSeqOf, now, projectionOf, setJob, type StepContext, type StepResult } from "../step-context";

const TERMINAL = new Set(["JobComplete", "Failed", "Aborted"]);

async function move(batch: StepBatch, submitState: StepBatch["submitState"], extra: { sfJobId?: string } = {}) {
  Object.assign(batch, await updateBatch(batch.id, { submitState, ...extra }));
}

async function abortQuietly(ctx: StepContext, sfJobId: string): Promise<void> {
  try {
    await ctx.port.v2SetState("ingest", sfJobId, "Aborted");
  } catch (error) {
    if (!(error instanceof BulkCallError && error.kind === "fatal")) throw error;
  }
}

/** Drives one Salesforce job from its recorded state up to `submitted`. */
async function advance(ctx: StepContext, batch: StepBatch, resumed: boolean): Promise<StepResult> {
  const { job, port } = ctx;
  const aborting = job.state === "aborting";
  if (batch.submitState === "intent") {
    if (aborting) return move(batch, "abandoned").then(now);
    await guard(ctx);
    const { id } = await port.v2CreateIngestJob({ object: job.object, operation: job.operation, externalIdField: job.externalIdField });
    await move(batch, "created", { sfJobId: id });
    await event(ctx, "sf_job_created", `Created Bulk API 2.0 job ${id} for rows ${batch.firstRow}–${batch.firstRow + batch.rowCount - 1}.`, { batchId: batch.id });
  }
  if ((batch.submitState === "upload_intent" || batch.submitState === "close_intent") && resumed) {
    const status = await port.v2GetJob("ingest", batch.sfJobId!);
    if (status.state === "Open" && batch.submitState === "upload_intent") {
      await abortQuietly(ctx, batch.sfJobId!);
      await move(batch, "abandoned");
      await event(ctx, "reconciled", `Job ${batch.sfJobId} was left Open mid-upload; aborted it, its rows go to a new job.`, { batchId: batch.id });
      if (!aborting) {
        await createBatchIntent({ bulkJobId: job.id, seq: nextSeqOf(job), firstRow: batch.firstRow, rowCount: batch.rowCount, byteSize: batch.byteSize });
      }
      return now();
    }
    // Open after close_intent: the data is there and nothing runs yet, so closing again is safe.
    if (status.state !== "Open") {
      await move(batch, "submitted");
      await setJob(ctx, { submittedRows: { increment: batch.rowCount } });
      await event(ctx, "reconciled", `Job ${batch.sfJobId} is ${status.state}; its unconfirmed step had gone through.`, { batchId: batch.id });
      return now();
    }
    await move(batch, "uploaded");
  }
  if (aborting && batch.submitState !== "submitted") {
    await abortQuietly(ctx, batch.sfJobId!);
    return move(batch, "abandoned").then(now);
  }
  if (batch.submitState === "created") {
    const chunk = await buildChunk(job.uploadId!, projectionOf(job), batch.firstRow, { maxRecords: Infinity, maxBytes: Infinity }, batch.rowCount);
    await move(batch, "upload_intent");
    await guard(ctx);
    await port.v2Upload(batch.sfJobId!, chunk!.csv);
    await move(batch, "uploaded");
  }
  if (batch.submitState === "uploaded") {
    await move(batch, "close_intent");
    await guard(ctx);
    await port.v2SetState("ingest", batch.sfJobId!, "UploadComplete");
    await move(batch, "submitted");
    await setJob(ctx, { submittedRows: { increment: batch.rowCount } });
    await event(ctx, "batch_submitted", `Uploaded rows ${batch.firstRow}–${batch.firstRow + batch.rowCount - 1} to job ${batch.sfJobId} and closed it.`, { batchId: batch.id });
  }
  return now();
}

const countRows = (csv: string) => Math.max(0, csv.split("\n").filter((line) => line.trim() !== "").length - 1);

/** How long after an abort Salesforce may still be finishing the chunks it had in flight. */
const ABORT_SETTLE_MS = 120_000;

/** Returns false when an aborted job's results are not final yet (chunks in flight still finish). */
async function storeResults(ctx: StepContext, batch: StepBatch): Promise<boolean> {
  const { port, job } = ctx;
  const id = batch.sfJobId!;
  const [successful, failed, unprocessed] = [
    await port.v2IngestResults(id, "successfulResults"),
    await port.v2IngestResults(id, "failedResults"),
    await port.v2IngestResults(id, "unprocessedrecords"),
  ];
  if (batch.sfState === "Aborted") {
    const accounted = countRows(successful) + countRows(failed) + countRows(unprocessed);
    const abortedFor = Date.now() - (batch.systemModstamp?.getTime() ?? 0);
    if (accounted < batch.rowCount && abortedFor < ABORT_SETTLE_MS) return false;
  }
  const projection = projectionOf(job);
  const uploaded = await readChunkValues(job.uploadId!, projection, batch.firstRow, batch.rowCount);
  const outcomes = outcomesFromV2({ successful, failed, unprocessed }, projection.header, uploaded);
  await storeBatchOutcomes(job.id, batch.id, outcomes);
  batch.resultsStoredAt = new Date();
  const bad = outcomes.filter((o) => o.status !== "s").length;
  await event(ctx, "results_stored", `Stored results of job ${id}: ${outcomes.length - bad} succeeded, ${bad} failed or unprocessed.`, { batchId: batch.id });
  return true;
}

export async function stepV2Ingest(ctx: StepContext): Promise<StepResult> {
  const { job } = ctx;
  const aborting = job.state === "aborting";
  const unfinished = liveBatches(job).find((b) => b.submitState !== "submitted");
  if (unfinished) return advance(ctx, unfinished, true);
  if (!aborting && nextRowOf(job) <= job.totalRows) {
    const chunk = await buildChunk(job.uploadId!, projectionOf(job), nextRowOf(job), { maxRecords: Infinity, maxBytes: ctx.settings.v2MaxBytes });
    if (chunk) {
      const intent = await createBatchIntent({ bulkJobId: job.id, seq: nextSeqOf(job), firstRow: chunk.firstRow, rowCount: chunk.rowCount, byteSize: chunk.byteSize });
      return advance(ctx, intent, false);
    }
  }
  const started = Date.now();
  for (const batch of liveBatches(job)) {
    if (batch.resultsStoredAt) continue;
    if (aborting && !TERMINAL.has(batch.sfState ?? "") && job.sfJobState !== "Aborted") await abortQuietly(ctx, batch.sfJobId!);
    const status = await ctx.port.v2GetJob("ingest", batch.sfJobId!);
    if (status.state !== batch.sfState || status.numberRecordsProcessed !== batch.numberRecordsProcessed) await applyStatus(ctx, batch, status);
    if (TERMINAL.has(status.state)) await storeResults(ctx, batch);
    if (Date.now() - started > ctx.settings.leaseMs / 4) return now();
  }
  if (aborting && job.sfJobState !== "Aborted") await setJob(ctx, { sfJobState: "Aborted" });
  const batches = liveBatches(job);
  if (batches.some((b) => !b.resultsStoredAt)) return keepPolling(ctx);
  if (aborting) return finish(ctx, "aborted");
  const allFailed = batches.length > 0 && batches.every((b) => b.sfState === "Failed");
  return allFailed ? finish(ctx, "failed", batches[0].stateMessage ?? "Salesforce failed the job.") : finish(ctx, "completed");
}
