/** Bulk v1 batch resources: add, list, get, request, result list and result sets. */
import { generateId, normalizeId } from "../../org";
import type { EmulatorContext } from "../../http/context";
import { ApiError, BodyTooLargeError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import type { Session } from "../auth/sessions";
import { reserveUsage } from "../auth/usage";
import { findBatch, insertBatch, listBatches, loadData, type BatchRow, type JobRow } from "../common/jobs";
import { streamResultRows } from "../common/results";
import { jobFormat, requireJob } from "./jobs";
import { batchInfo, batchInfoList, INGEST_CSV_HEADER, queryResultList, resultEnvelope, v1ContentType } from "./serialize";

const MAX_BATCH_BYTES = 10_000_000;
const MAX_BATCH_CHARS = 10_000_000;
const JOB_OPEN_MS = 24 * 60 * 60 * 1000;
const ACCEPTED_TYPES: Record<string, RegExp> = {
  CSV: /^text\/csv/i,
  XML: /^(application|text)\/xml/i,
  JSON: /^application\/json/i,
};

function isQuery(job: JobRow): boolean {
  return job.operation === "query" || job.operation === "queryAll";
}

function dataType(job: JobRow): "csv" | "xml" | "json" {
  return job.contentType === "JSON" ? "json" : job.contentType === "XML" ? "xml" : "csv";
}

async function requireBatch(ctx: EmulatorContext, job: JobRow, batchId: string): Promise<BatchRow> {
  const id = batchId.startsWith("751") ? normalizeId(batchId) : null;
  const batch = id ? await findBatch(ctx.pool, job.id, id) : undefined;
  if (!batch) throw new ApiError(400, "InvalidBatch", `Invalid batch id: ${batchId}`);
  return batch;
}

function respond(ctx: EmulatorContext, job: JobRow, body: string, status = 200): EmulatorResponse {
  return { status, headers: { "Content-Type": v1ContentType(jobFormat(job), ctx.config.v1Charset) }, body };
}

export async function addBatch(ctx: EmulatorContext, req: EmulatorRequest, session: Session, jobId: string): Promise<EmulatorResponse> {
  const job = await requireJob(ctx, session, jobId);
  if (job.state !== "Open") throw new ApiError(400, "InvalidJobState", `Job ${job.id} is not open (state: ${job.state})`);
  if (Date.now() - job.createdAt.getTime() > JOB_OPEN_MS) {
    throw new ApiError(400, "InvalidJobState", `Job ${job.id} is more than 24 hours old; batches can no longer be added`);
  }
  const contentType = req.header("content-type") ?? "";
  if (!isQuery(job) && contentType && !ACCEPTED_TYPES[job.contentType].test(contentType)) {
    throw new ApiError(400, "InvalidBatch", `Batch content type ${contentType} does not match the job content type ${job.contentType}`);
  }
  let body: Buffer;
  try {
    body = await req.body(MAX_BATCH_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiError(400, "InvalidBatch", `Exceeded max size limit of ${MAX_BATCH_BYTES}`);
    throw error;
  }
  const text = body.toString("utf8");
  if (text.length > MAX_BATCH_CHARS) throw new ApiError(400, "InvalidBatch", `Exceeded max size limit of ${MAX_BATCH_CHARS}`);
  if (!(await reserveUsage(ctx, session.orgId, "DailyBulkApiBatches", 1))) {
    throw new ApiError(400, "ExceededQuota", "Daily batch allocation exceeded (DailyBulkApiBatches)");
  }
  const id = await generateId(ctx.pool, "751");
  const client = await ctx.pool.connect();
  let batch: BatchRow;
  try {
    await client.query("BEGIN");
    batch = await insertBatch(client, {
      id,
      jobId: job.id,
      kind: isQuery(job) ? "query" : "ingest",
      contentType: job.contentType,
      soql: isQuery(job) ? text.trim() : null,
      notBeforeMs: ctx.config.processing.latencyMs + ctx.faults.slowBatchMs,
    });
    await client.query("INSERT INTO emulator.bulk_data (owner_id, content_type, body) VALUES ($1, $2, $3)", [id, contentType || job.contentType, body]);
    await client.query("UPDATE emulator.bulk_jobs SET system_modstamp = now() WHERE id = $1", [job.id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  ctx.kick();
  return respond(ctx, job, batchInfo(batch, jobFormat(job)), 201);
}

export async function getBatches(ctx: EmulatorContext, session: Session, jobId: string): Promise<EmulatorResponse> {
  const job = await requireJob(ctx, session, jobId);
  return respond(ctx, job, batchInfoList(await listBatches(ctx.pool, job.id), jobFormat(job)));
}

export async function getBatch(ctx: EmulatorContext, session: Session, jobId: string, batchId: string): Promise<EmulatorResponse> {
  const job = await requireJob(ctx, session, jobId);
  return respond(ctx, job, batchInfo(await requireBatch(ctx, job, batchId), jobFormat(job)));
}

export async function getBatchRequest(ctx: EmulatorContext, session: Session, jobId: string, batchId: string): Promise<EmulatorResponse> {
  const job = await requireJob(ctx, session, jobId);
  const batch = await requireBatch(ctx, job, batchId);
  const data = await loadData(ctx.pool, batch.id);
  const kind = dataType(job);
  return {
    status: 200,
    headers: { "Content-Type": v1ContentType(kind, ctx.config.v1Charset) },
    body: data?.body ?? (batch.soql ? Buffer.from(batch.soql) : Buffer.alloc(0)),
  };
}

async function* envelope(head: string, separator: string, tail: string, chunks: AsyncIterable<string[]>): AsyncGenerator<string> {
  yield head;
  let first = true;
  for await (const rows of chunks) {
    if (rows.length === 0) continue;
    yield (first ? "" : separator) + rows.join(separator);
    first = false;
  }
  yield tail;
}

export async function getBatchResult(ctx: EmulatorContext, session: Session, jobId: string, batchId: string): Promise<EmulatorResponse> {
  const job = await requireJob(ctx, session, jobId);
  const batch = await requireBatch(ctx, job, batchId);
  const finished = batch.state === "Completed" || (batch.state === "Failed" && batch.recordsProcessed > 0);
  if (!finished) throw new ApiError(400, "InvalidBatch", "Batch not completed");
  if (isQuery(job)) {
    const { rows } = await ctx.pool.query<{ id: string }>("SELECT id FROM emulator.query_results WHERE batch_id = $1 ORDER BY id", [batch.id]);
    return respond(ctx, job, queryResultList(rows.map((row) => row.id), jobFormat(job)));
  }
  const kind = dataType(job);
  const env = resultEnvelope(kind, "ingest", INGEST_CSV_HEADER);
  return {
    status: 200,
    headers: { "Content-Type": v1ContentType(kind, ctx.config.v1Charset) },
    body: envelope(env.head, env.separator, env.tail, streamResultRows(ctx.pool, batch.id, "result")),
  };
}

export async function getQueryResult(
  ctx: EmulatorContext,
  session: Session,
  jobId: string,
  batchId: string,
  resultId: string,
): Promise<EmulatorResponse> {
  const job = await requireJob(ctx, session, jobId);
  const batch = await requireBatch(ctx, job, batchId);
  const { rows } = await ctx.pool.query<{ id: string; header: string | null; row_count: number }>(
    "SELECT id, header, row_count FROM emulator.query_results WHERE batch_id = $1 AND id = $2",
    [batch.id, resultId.length === 15 ? normalizeId(resultId) : resultId],
  );
  const result = rows[0];
  if (!isQuery(job) || !result) throw new ApiError(400, "InvalidBatch", `Invalid query result id: ${resultId}`);
  const kind = dataType(job);
  const contentType = v1ContentType(kind, ctx.config.v1Charset);
  if (kind === "csv" && result.row_count === 0) {
    return { status: 200, headers: { "Content-Type": contentType }, body: "Records not found for this query" };
  }
  const env = resultEnvelope(kind, "query", result.header ?? "");
  return {
    status: 200,
    headers: { "Content-Type": contentType },
    body: envelope(env.head, env.separator, env.tail, streamResultRows(ctx.pool, result.id, "query")),
  };
}
