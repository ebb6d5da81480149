/** Bulk API v1 query/queryAll, optionally PK-chunked (Salesforce then adds one batch per chunk itself). */
import Papa from "papaparse";
import { countResultPages } from "../../results/data";
import { markResultsStored, storeQueryPage } from "../../results/mutations";
import type { StepBatch } from "../data";
import { createBatchIntent, createObservedBatch } from "../mutations";
import { event, finish, keepPolling, liveBatches, nextSeqOf, now, type StepContext, type StepResult } from "../step-context";
import { abortV1Job, closeV1Job, createV1Job, pollV1Batches, reconcileV1Intent, submitV1Batch, V1_TERMINAL } from "./v1-shared";

export const countCsvRows = (csv: string) => Math.max(0, Papa.parse(csv, { skipEmptyLines: true }).data.length - 1);

/** Fetches the next result set of a finished batch; returns false when nothing was left. */
export async function storeNextResult(ctx: StepContext, batch: StepBatch): Promise<void> {
  if (batch.sfState !== "Completed") {
    await markResultsStored(batch.id);
    batch.resultsStoredAt = new Date();
    return;
  }
  const ids = await ctx.port.v1QueryResultIds(ctx.job.sfJobId!, batch.sfBatchId!);
  const page = await countResultPages(batch.id);
  if (page >= ids.length) {
    await markResultsStored(batch.id);
    batch.resultsStoredAt = new Date();
    return;
  }
  const csv = await ctx.port.v1QueryResult(ctx.job.sfJobId!, batch.sfBatchId!, ids[page]);
  const last = page + 1 >= ids.length;
  const rows = countCsvRows(csv);
  await storeQueryPage(ctx.job.id, batch.id, page, csv, rows, last ? null : ids[page + 1]);
  if (last) batch.resultsStoredAt = new Date();
  await event(ctx, "results_stored", `Stored result ${page + 1} of ${ids.length} of batch ${batch.sfBatchId} (${rows} rows).`, { batchId: batch.id });
}

export async function stepV1Query(ctx: StepContext): Promise<StepResult> {
  const { job } = ctx;
  const aborting = job.state === "aborting";
  if (aborting) await abortV1Job(ctx);
  if (!job.sfJobId) return aborting ? finish(ctx, "aborted") : createV1Job(ctx);

  const pending = job.batches.find((b) => b.submitState === "intent");
  if (pending) return reconcileV1Intent(ctx, pending, async () => job.soql!);
  if (job.batches.length === 0 && !aborting) {
    const intent = await createBatchIntent({ bulkJobId: job.id, seq: 0, firstRow: 0, rowCount: 0, byteSize: Buffer.byteLength(job.soql!), sfJobId: job.sfJobId });
    return submitV1Batch(ctx, intent, job.soql!);
  }
  if (job.sfJobState === "Open" && !aborting) return closeV1Job(ctx);

  const listed = await pollV1Batches(ctx);
  const known = new Set(job.batches.map((b) => b.sfBatchId));
  let seq = nextSeqOf(job);
  for (const chunk of listed.filter((b) => !known.has(b.id))) {
    await createObservedBatch({ bulkJobId: job.id, seq: seq++, sfJobId: job.sfJobId, sfBatchId: chunk.id });
    await event(ctx, "batch_observed", `Salesforce split the query into chunk batch ${chunk.id}.`);
  }
  if (listed.some((b) => !known.has(b.id))) return now();

  const started = Date.now();
  const batches = liveBatches(job);
  for (const batch of batches) {
    while (!batch.resultsStoredAt && V1_TERMINAL.has(batch.sfState ?? "")) {
      await storeNextResult(ctx, batch);
      if (Date.now() - started > ctx.settings.leaseMs / 4) return now();
    }
  }
  if (batches.some((b) => !b.resultsStoredAt)) return keepPolling(ctx);
  if (aborting) return finish(ctx, "aborted");
  // With PK chunking the original batch ends NotProcessed by design; a Failed chunk fails the query.
  const failed = batches.find((b) => b.sfState === "Failed");
  return failed ? finish(ctx, "failed", failed.stateMessage ?? "The query failed.") : finish(ctx, "completed");
}
