/** Bulk API v1 insert/update/upsert/delete/hardDelete: one job, batches of ≤ 10,000 records and ≤ 10 MB. */
import { outcomesFromV1, uniformOutcomes } from "../../results/outcomes";
import { storeBatchOutcomes } from "../../results/mutations";
import { buildChunk } from "../chunks";
import type { StepBatch } from "../data";
import { createBatchIntent } from "../mutations";
import { event, finish, keepPolling, liveBatches, nextRowOf, nextSeqOf, now, projectionOf, type StepContext, type StepResult } from "../step-context";
import { abortV1Job, closeV1Job, createV1Job, pollV1Batches, reconcileV1Intent, submitV1Batch, V1_TERMINAL } from "./v1-shared";

function limitsOf(ctx: StepContext) {
  const size = ctx.job.batchSize ? Math.min(ctx.job.batchSize, ctx.settings.v1MaxRecords) : ctx.settings.v1MaxRecords;
  return { maxRecords: size, maxBytes: ctx.settings.v1MaxBytes };
}

async function rebuild(ctx: StepContext, batch: StepBatch): Promise<string> {
  const chunk = await buildChunk(ctx.job.uploadId!, projectionOf(ctx.job), batch.firstRow, limitsOf(ctx), batch.rowCount);
  return chunk!.csv;
}

async function storeResults(ctx: StepContext, batch: StepBatch): Promise<void> {
  const { sfJobId } = ctx.job;
  let outcomes;
  if (batch.sfState === "Completed" || (batch.sfState === "Failed" && batch.numberRecordsProcessed > 0)) {
    outcomes = outcomesFromV1(await ctx.port.v1BatchResult(sfJobId!, batch.sfBatchId!), batch.firstRow, batch.rowCount);
  } else if (batch.sfState === "Failed") {
    // The whole batch was refused (bad header, unparsable CSV): every row fails with the batch's message.
    outcomes = uniformOutcomes(batch.firstRow, batch.rowCount, "f", batch.stateMessage ?? "The batch failed.");
  } else {
    outcomes = uniformOutcomes(batch.firstRow, batch.rowCount, "u", "Not processed: the job was aborted first.");
  }
  await storeBatchOutcomes(ctx.job.id, batch.id, outcomes);
  batch.resultsStoredAt = new Date();
  const failed = outcomes.filter((o) => o.status === "f").length;
  await event(ctx, "results_stored", `Stored results of batch ${batch.sfBatchId}: ${outcomes.length - failed} succeeded, ${failed} failed.`, { batchId: batch.id });
}

export async function stepV1Ingest(ctx: StepContext): Promise<StepResult> {
  const { job } = ctx;
  const aborting = job.state === "aborting";
  if (aborting) await abortV1Job(ctx);
  if (!job.sfJobId) return aborting ? finish(ctx, "aborted") : createV1Job(ctx);

  const pending = job.batches.find((b) => b.submitState === "intent");
  if (pending) return reconcileV1Intent(ctx, pending, () => rebuild(ctx, pending));

  if (!aborting) {
    const from = nextRowOf(job);
    if (from <= job.totalRows) {
      const chunk = await buildChunk(job.uploadId!, projectionOf(ctx.job), from, limitsOf(ctx));
      if (chunk) {
        const intent = await createBatchIntent({ bulkJobId: job.id, seq: nextSeqOf(job), firstRow: chunk.firstRow, rowCount: chunk.rowCount, byteSize: chunk.byteSize, sfJobId: job.sfJobId });
        return submitV1Batch(ctx, intent, chunk.csv);
      }
    }
    if (job.sfJobState === "Open") return closeV1Job(ctx);
  }

  await pollV1Batches(ctx);
  const batches = liveBatches(job);
  const started = Date.now();
  for (const batch of batches) {
    if (batch.resultsStoredAt || !V1_TERMINAL.has(batch.sfState ?? "")) continue;
    await storeResults(ctx, batch);
    if (Date.now() - started > ctx.settings.leaseMs / 4) return now();
  }
  if (batches.some((b) => !b.resultsStoredAt)) return keepPolling(ctx);
  if (aborting) return finish(ctx, "aborted");
  const allFailed = batches.length > 0 && batches.every((b) => b.sfState === "Failed");
  return allFailed ? finish(ctx, "failed", batches[0].stateMessage ?? "Every batch failed.") : finish(ctx, "completed");
}
