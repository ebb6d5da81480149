/**
 * Jobs made outside the app, watched like our own: poll the Salesforce job (v1: job + batch list; v2: job
 * info), record each batch's batch_status fields, and once it finishes store whatever results Salesforce
 * still has, saying clearly what it no longer had. Nothing is ever created or changed at Salesforce.
 */
import type { RowOutcome } from "../../results/outcomes";
import { countResultPages } from "../../results/data";
import { markResultsStored, storeAttachedV2Results, storeBatchOutcomes, storeQueryPage } from "../../results/mutations";
import { BulkCallError } from "../bulk-port";
import { countJobEvents, type StepBatch } from "../data";
import { createObservedBatch, updateBatch } from "../mutations";
import { applyStatus, event, finish, keepPolling, liveBatches, nextRowOf, nextSeqOf, now, setJob, type StepContext, type StepResult } from "../step-context";
import { countCsvRows, storeNextResult } from "./v1-query";
import { V1_TERMINAL } from "./v1-shared";

const V2_TERMINAL = new Set(["JobComplete", "Failed", "Aborted"]);
const isQuery = (ctx: StepContext) => ctx.job.operation === "query" || ctx.job.operation === "queryAll";

/** Runs `fetch`; a result Salesforce refuses (purged after 7 days, deleted) is noted and answered with null. */
async function fetchOrNote<T>(ctx: StepContext, what: string, fetch: () => Promise<T>): Promise<T | null> {
  try {
    return await fetch();
  } catch (error) {
    if (!(error instanceof BulkCallError && error.kind === "fatal")) throw error;
    await event(ctx, "results_missing", `Could not fetch ${what}: Salesforce answered ${error.errorCode} (${error.message}).`, { errorCode: error.errorCode });
    return null;
  }
}

async function finishAttached(ctx: StepContext, sfState: string, errorMessage?: string | null): Promise<StepResult> {
  const missing = await countJobEvents(ctx.job.id, "results_missing");
  const note = missing ? `${missing} result file(s) could not be fetched from Salesforce; the timeline says which.` : undefined;
  if (sfState === "Aborted") return finish(ctx, "aborted", note);
  if (sfState === "Failed") return finish(ctx, "failed", [errorMessage ?? "Salesforce failed the job.", note].filter(Boolean).join(" "));
  return finish(ctx, "completed", note);
}

async function noteJobState(ctx: StepContext, state: string): Promise<void> {
  if (ctx.job.sfJobState === state) return;
  await setJob(ctx, { sfJobState: state });
  ctx.job.sfJobState = state;
  await event(ctx, "sf_job_state", `Salesforce job ${ctx.job.sfJobId} is ${state}.`, { state });
}

async function storeV1IngestResults(ctx: StepContext, batch: StepBatch, contentType: string): Promise<void> {
  if (batch.sfState !== "Completed") {
    await markResultsStored(batch.id);
    batch.resultsStoredAt = new Date();
    return;
  }
  const results = await fetchOrNote(ctx, `the results of batch ${batch.sfBatchId} (${contentType})`, () => ctx.port.v1BatchResults(ctx.job.sfJobId!, batch.sfBatchId!));
  if (!results) {
    await markResultsStored(batch.id);
    batch.resultsStoredAt = new Date();
    return;
  }
  // No upload to number rows by: rows are numbered across the job in the order their batches finished.
  const firstRow = nextRowOf(ctx.job);
  const outcomes: RowOutcome[] = results.map((r, i) => ({ row: firstRow + i, status: r.success ? "s" : "f", id: r.id ?? "", created: r.created, error: r.success ? "" : (r.error ?? "") }));
  const updated = await updateBatch(batch.id, { firstRow, rowCount: results.length });
  Object.assign(batch, updated);
  await storeBatchOutcomes(ctx.job.id, batch.id, outcomes);
  batch.resultsStoredAt = new Date();
  await setJob(ctx, { totalRows: { increment: results.length } });
  await event(ctx, "results_stored", `Stored the results of batch ${batch.sfBatchId} (${results.length} rows).`, { batchId: batch.id });
}

async function stepV1Attached(ctx: StepContext): Promise<StepResult> {
  const { job, port } = ctx;
  const info = await port.v1GetJob(job.sfJobId!);
  await noteJobState(ctx, info.state);
  const known = new Map(job.batches.map((b) => [b.sfBatchId, b]));
  let seq = nextSeqOf(job);
  for (const status of await port.v1ListBatches(job.sfJobId!)) {
    let batch = known.get(status.id);
    if (!batch) {
      batch = await createObservedBatch({ bulkJobId: job.id, seq: seq++, sfJobId: job.sfJobId!, sfBatchId: status.id });
      job.batches.push(batch);
      await event(ctx, "batch_observed", `Found batch ${status.id} on Salesforce.`, { batchId: batch.id });
    }
    if (status.state !== batch.sfState || status.numberRecordsProcessed !== batch.numberRecordsProcessed) await applyStatus(ctx, batch, status);
  }
  const started = Date.now();
  for (const batch of job.batches) {
    while (!batch.resultsStoredAt && V1_TERMINAL.has(batch.sfState ?? "")) {
      if (!isQuery(ctx)) await storeV1IngestResults(ctx, batch, info.contentType);
      else if (info.contentType !== "CSV") {
        await event(ctx, "results_missing", `Query results of batch ${batch.sfBatchId} are ${info.contentType}; only CSV query results are fetched.`);
        await markResultsStored(batch.id);
        batch.resultsStoredAt = new Date();
      } else if (!(await fetchOrNote(ctx, `the query results of batch ${batch.sfBatchId}`, () => storeNextResult(ctx, batch).then(() => true)))) {
        await markResultsStored(batch.id);
        batch.resultsStoredAt = new Date();
      }
      if (Date.now() - started > ctx.settings.leaseMs / 4) return now();
    }
  }
  // An Open job may still get batches from whoever made it; it is finished once closed (or ended) and drained.
  if (info.state === "Open" || job.batches.some((b) => !b.resultsStoredAt)) return keepPolling(ctx);
  return finishAttached(ctx, info.state === "Closed" ? "JobComplete" : info.state);
}

async function fetchV2File(ctx: StepContext, sfJobId: string, set: "successfulResults" | "failedResults" | "unprocessedrecords") {
  const csv = await fetchOrNote(ctx, `the ${set} of job ${sfJobId}`, () => ctx.port.v2IngestResults(sfJobId, set));
  return csv === null ? null : { csv, rows: countCsvRows(csv) };
}

async function stepV2Attached(ctx: StepContext): Promise<StepResult> {
  const { job, port } = ctx;
  const batch = liveBatches(job)[0];
  const kind = isQuery(ctx) ? "query" : "ingest";
  const status = await port.v2GetJob(kind, batch.sfJobId!);
  if (status.state !== batch.sfState || status.numberRecordsProcessed !== batch.numberRecordsProcessed) await applyStatus(ctx, batch, status);
  await noteJobState(ctx, status.state);
  if (!V2_TERMINAL.has(status.state)) return keepPolling(ctx);
  if (kind === "ingest" && !batch.resultsStoredAt) {
    const files = {
      success: await fetchV2File(ctx, batch.sfJobId!, "successfulResults"),
      failed: await fetchV2File(ctx, batch.sfJobId!, "failedResults"),
      unprocessed: await fetchV2File(ctx, batch.sfJobId!, "unprocessedrecords"),
    };
    await storeAttachedV2Results(job.id, batch.id, files);
    const rows = (files.success?.rows ?? 0) + (files.failed?.rows ?? 0) + (files.unprocessed?.rows ?? 0);
    await setJob(ctx, { totalRows: Math.max(rows, status.numberRecordsProcessed) });
    await event(ctx, "results_stored", `Stored the results of job ${batch.sfJobId}: ${files.success?.rows ?? "?"} succeeded, ${files.failed?.rows ?? "?"} failed, ${files.unprocessed?.rows ?? "?"} unprocessed.`, { batchId: batch.id });
  }
  if (kind === "query" && !batch.resultsStoredAt) {
    if (status.state !== "JobComplete") await markResultsStored(batch.id);
    else {
      const started = Date.now();
      let page = await countResultPages(batch.id);
      let locator = batch.resultLocator;
      while (page === 0 || locator) {
        const result = await fetchOrNote(ctx, `result page ${page + 1} of query job ${batch.sfJobId}`, () => port.v2QueryResults(batch.sfJobId!, page === 0 ? null : locator));
        if (!result) {
          await markResultsStored(batch.id);
          break;
        }
        await storeQueryPage(job.id, batch.id, page, result.csv, countCsvRows(result.csv), result.locator);
        page += 1;
        locator = result.locator;
        if (locator && Date.now() - started > ctx.settings.leaseMs / 4) return now();
      }
      await event(ctx, "results_stored", `Stored ${page} result page(s) of query job ${batch.sfJobId}.`, { batchId: batch.id });
    }
  }
  return finishAttached(ctx, status.state, status.errorMessage);
}

export async function stepAttached(ctx: StepContext): Promise<StepResult> {
  if (ctx.job.state === "aborting") return finish(ctx, "aborted", "Stopped watching; the Salesforce job itself was left as it is.");
  try {
    return await (ctx.job.api === "v1" ? stepV1Attached(ctx) : stepV2Attached(ctx));
  } catch (error) {
    // Result files Salesforce lost are handled above; a 404 here means the job itself is gone.
    if (!(error instanceof BulkCallError && error.kind === "fatal" && error.status === 404)) throw error;
    const message = `Salesforce no longer has job ${ctx.job.sfJobId} (deleted, or past its 7-day retention); what was stored before is kept.`;
    await event(ctx, "results_missing", message, { errorCode: error.errorCode });
    return finish(ctx, "failed", message);
  }
}
