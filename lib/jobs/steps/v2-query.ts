/** Bulk API 2.0 query/queryAll: one job, results fetched page by page (locators) as soon as it completes. */
import { countResultPages } from "../../results/data";
import { markResultsStored, storeQueryPage } from "../../results/mutations";
import { BulkCallError } from "../bulk-port";
import { createBatchIntent, updateBatch } from "../mutations";
import { applyStatus, event, finish, guard, keepPolling, now, type StepContext, type StepResult } from "../step-context";
import { countCsvRows } from "./v1-query";

export async function stepV2Query(ctx: StepContext): Promise<StepResult> {
  const { job, port } = ctx;
  const aborting = job.state === "aborting";
  let batch = job.batches.find((b) => b.submitState !== "abandoned");
  if (!batch) {
    if (aborting) return finish(ctx, "aborted");
    batch = await createBatchIntent({ bulkJobId: job.id, seq: job.batches.length, firstRow: 0, rowCount: 0, byteSize: Buffer.byteLength(job.soql!) });
  }
  if (batch.submitState === "intent") {
    // A query job whose answer was lost only costs a little quota: it is left alone and a new one made.
    if (aborting) return updateBatch(batch.id, { submitState: "abandoned" }).then(() => finish(ctx, "aborted"));
    await guard(ctx);
    const { id } = await port.v2CreateQueryJob(job.operation === "queryAll" ? "queryAll" : "query", job.soql!);
    await updateBatch(batch.id, { sfJobId: id, submitState: "submitted" });
    await event(ctx, "sf_job_created", `Created Bulk API 2.0 query job ${id}.`, { sfJobId: id });
    return now();
  }
  if (aborting && !["JobComplete", "Failed", "Aborted"].includes(batch.sfState ?? "")) {
    try {
      await port.v2SetState("query", batch.sfJobId!, "Aborted");
    } catch (error) {
      if (!(error instanceof BulkCallError && error.kind === "fatal")) throw error;
    }
  }
  const status = await port.v2GetJob("query", batch.sfJobId!);
  if (status.state !== batch.sfState) await applyStatus(ctx, batch, status);
  if (status.state === "Failed" || status.state === "Aborted") {
    await markResultsStored(batch.id);
    return status.state === "Aborted" ? finish(ctx, "aborted") : finish(ctx, "failed", status.errorMessage ?? "Salesforce failed the query.");
  }
  if (status.state !== "JobComplete") return keepPolling(ctx);
  const started = Date.now();
  let page = await countResultPages(batch.id);
  let locator = batch.resultLocator;
  while (page === 0 || locator) {
    const result = await port.v2QueryResults(batch.sfJobId!, page === 0 ? null : locator);
    const rows = countCsvRows(result.csv);
    await storeQueryPage(job.id, batch.id, page, result.csv, rows, result.locator);
    await event(ctx, "results_stored", `Stored result page ${page + 1} (${rows} rows).`, { batchId: batch.id });
    page += 1;
    locator = result.locator;
    if (locator && Date.now() - started > ctx.settings.leaseMs / 4) return now();
  }
  return finish(ctx, "completed");
}
