/** Runs Bulk queries (v1 query batches, v1 PK chunking, v2 query jobs), storing rendered rows in chunks. */
import { generateId, SoqlError, type QueryColumn, type QueryRecord } from "../org";
import type { EmulatorContext } from "../http/context";
import { insertBatch, type JobRow } from "../protocols/common/jobs";
import { appendResultChunk, deleteResults } from "../protocols/common/results";
import { reserveUsage } from "../protocols/auth/usage";
import { finishBatch, processingTimes, type Claim } from "./batch-state";
import { v2Dialect } from "./ingest";
import { queryCsvHeader, queryCsvRow, queryJsonRow, queryXmlRow, type CsvDialect } from "./render";

const V1_DIALECT: CsvDialect = { delimiter: ",", lineEnding: "\n" };

function queryFailureMessage(error: SoqlError): string {
  return `InvalidBatch : Failed to process query: ${error.code}: ${error.message.trim()}`;
}

/**
 * Streams a query into stored chunks; returns the number of rows and the column list. `heartbeat`
 * extends the claim's lease after every chunk so a long query is not taken over while it runs.
 */
async function runInto(
  ctx: EmulatorContext,
  job: JobRow,
  soql: string,
  ownerId: string,
  render: (record: QueryRecord, columns: QueryColumn[]) => string,
  heartbeat: () => Promise<unknown>,
  idRange?: { gte?: string; lt?: string },
): Promise<{ rows: number; columns: QueryColumn[] }> {
  await deleteResults(ctx.pool, ownerId);
  const run = await ctx.store.query(job.orgId, soql, {
    includeDeleted: job.operation === "queryAll",
    idRange,
    apiVersion: job.apiVersion,
    chunkSize: ctx.config.processing.chunkSize,
  });
  let count = 0;
  let seq = 0;
  for await (const records of run.rows()) {
    const rendered = records.map((record) => render(record, run.columns));
    await appendResultChunk(ctx.pool, ownerId, "query", seq, count, rendered);
    await heartbeat();
    seq += 1;
    count += rendered.length;
  }
  return { rows: run.countOnly ? (run.totalSize ?? 0) : count, columns: run.columns };
}

function v1Renderer(job: JobRow): (record: QueryRecord, columns: QueryColumn[]) => string {
  if (job.contentType === "JSON") return (record) => queryJsonRow(record);
  if (job.contentType === "XML") return (record) => queryXmlRow(record);
  return (record, columns) => queryCsvRow(record, columns, V1_DIALECT);
}

/** Splits a PK-chunked query batch into one batch per Id range; the original becomes NotProcessed. */
async function chunkQuery(ctx: EmulatorContext, claim: Claim, job: JobRow): Promise<"done" | "lost"> {
  const options = job.pkChunking!;
  const ranges = await ctx.store.pkChunkBoundaries(job.orgId, job.object, options.chunkSize, options.startRow);
  if (!(await reserveUsage(ctx, job.orgId, "DailyBulkApiBatches", Math.max(ranges.length, 1)))) {
    return (await finishBatch(ctx.pool, claim, "Failed", "ExceededQuota : Daily batch allocation exceeded")) ? "done" : "lost";
  }
  const effective = ranges.length ? ranges : [{ gte: "", lt: null }];
  const latency = ctx.config.processing.latencyMs + ctx.faults.slowBatchMs;
  for (const range of effective) {
    const idRange = { ...(range.gte ? { gte: range.gte } : {}), ...(range.lt ? { lt: range.lt } : {}) };
    await insertBatch(ctx.pool, {
      id: await generateId(ctx.pool, "751"),
      jobId: job.id,
      kind: "pkchunk",
      contentType: claim.batch.contentType,
      soql: claim.batch.soql,
      idRange,
      notBeforeMs: latency,
    });
  }
  await ctx.pool.query("UPDATE emulator.bulk_batches SET kind = 'pkparent' WHERE id = $1", [claim.batch.id]);
  ctx.kick();
  return (await finishBatch(ctx.pool, claim, "NotProcessed", null, { processed: 0 })) ? "done" : "lost";
}

export async function processV1QueryBatch(ctx: EmulatorContext, claim: Claim, job: JobRow): Promise<"done" | "lost"> {
  if (claim.batch.kind === "query" && job.pkChunking) return chunkQuery(ctx, claim, job);
  const previous = await ctx.pool.query<{ id: string }>("SELECT id FROM emulator.query_results WHERE batch_id = $1", [claim.batch.id]);
  const resultId = previous.rows[0]?.id ?? (await generateId(ctx.pool, "752"));
  try {
    const heartbeat = () =>
      ctx.pool.query(
        "UPDATE emulator.bulk_batches SET lease_until = now() + make_interval(secs => $3::int / 1000.0) WHERE id = $1 AND attempts = $2",
        [claim.batch.id, claim.attempt, ctx.config.processing.leaseMs],
      );
    const outcome = await runInto(ctx, job, claim.batch.soql ?? "", resultId, v1Renderer(job), heartbeat, claim.batch.idRange ?? undefined);
    const header = outcome.columns.map((column) => `"${column.path.replace(/"/g, '""')}"`).join(",");
    await ctx.pool.query(
      `INSERT INTO emulator.query_results (id, batch_id, job_id, header, row_count) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET header = EXCLUDED.header, row_count = EXCLUDED.row_count`,
      [resultId, claim.batch.id, job.id, header, outcome.rows],
    );
    await ctx.pool.query("UPDATE emulator.bulk_batches SET records_processed = $2, progress = $2 WHERE id = $1", [claim.batch.id, outcome.rows]);
    return (await finishBatch(ctx.pool, claim, "Completed", null, { recordCount: outcome.rows, processed: outcome.rows })) ? "done" : "lost";
  } catch (error) {
    if (!(error instanceof SoqlError)) throw error;
    return (await finishBatch(ctx.pool, claim, "Failed", queryFailureMessage(error))) ? "done" : "lost";
  }
}

/** Runs a v2 query job to completion (the job row is already claimed and InProgress). */
export async function processV2Query(ctx: EmulatorContext, job: JobRow, startedAt: Date): Promise<void> {
  const dialect = v2Dialect(job);
  try {
    const heartbeat = () =>
      ctx.pool.query(
        "UPDATE emulator.bulk_jobs SET lease_until = now() + make_interval(secs => $2::int / 1000.0) WHERE id = $1 AND state = 'InProgress'",
        [job.id, ctx.config.processing.leaseMs],
      );
    const outcome = await runInto(ctx, job, job.soql ?? "", job.id, (record, columns) => queryCsvRow(record, columns, dialect), heartbeat);
    const times = processingTimes(startedAt, outcome.rows);
    await ctx.pool.query(
      `UPDATE emulator.bulk_jobs SET state = 'JobComplete', records_processed = $2, result_header = $3, total_processing_time = $4,
         api_active_processing_time = $5, lease_until = NULL, system_modstamp = now()
       WHERE id = $1 AND state = 'InProgress'`,
      [job.id, outcome.rows, queryCsvHeader(outcome.columns, dialect), times.total, times.active],
    );
  } catch (error) {
    if (!(error instanceof SoqlError)) throw error;
    await ctx.pool.query(
      `UPDATE emulator.bulk_jobs SET state = 'Failed', error_message = $2, lease_until = NULL, system_modstamp = now()
       WHERE id = $1 AND state = 'InProgress'`,
      [job.id, `${error.code}: ${error.message.trim()}`],
    );
  }
}
