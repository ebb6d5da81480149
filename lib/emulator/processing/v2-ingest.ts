/**
 * Bulk 2.0 ingest jobs: after UploadComplete a worker validates the upload and splits it into internal
 * parts of 10,000 records (processed like v1 batches); the job completes when every part is done.
 */
import { generateIds, type DmlOperation } from "../org";
import type { EmulatorContext } from "../http/context";
import { loadData, type JobRow } from "../protocols/common/jobs";
import { reserveUsage } from "../protocols/auth/usage";
import { BatchFailure, checkLineEnding, parseCsv, splitCsvRows } from "./parse-batch";
import { v2Dialect } from "./ingest";

const PART_SIZE = 10_000;

async function failJob(ctx: EmulatorContext, jobId: string, message: string): Promise<void> {
  await ctx.pool.query(
    `UPDATE emulator.bulk_jobs SET state = 'Failed', error_message = $2, lease_until = NULL, system_modstamp = now()
     WHERE id = $1 AND state = 'InProgress'`,
    [jobId, message],
  );
}

export async function splitV2Ingest(ctx: EmulatorContext, job: JobRow): Promise<void> {
  const existing = await ctx.pool.query("SELECT 1 FROM emulator.bulk_batches WHERE job_id = $1 LIMIT 1", [job.id]);
  if (existing.rowCount) {
    await ctx.pool.query("UPDATE emulator.bulk_jobs SET lease_until = NULL WHERE id = $1", [job.id]);
    return;
  }
  const data = await loadData(ctx.pool, job.id);
  const text = data ? data.body.toString("utf8") : "";
  const dialect = v2Dialect(job);
  let header: string[] = [];
  let split: { header: string; parts: string[] } = { header: "", parts: [] };
  if (text.trim()) {
    try {
      checkLineEnding(text, job.lineEnding === "CRLF" ? "CRLF" : "LF");
      // Only the header is parsed here; each part's rows are parsed when the part is processed.
      split = splitCsvRows(text, PART_SIZE);
      header = parseCsv(split.header, dialect.delimiter).header;
      const problem = ctx.store.checkHeader(job.orgId, job.object, job.operation as DmlOperation, header, job.externalIdField ?? undefined);
      if (problem) throw new BatchFailure(problem.code, problem.message);
    } catch (error) {
      if (!(error instanceof BatchFailure)) throw error;
      await failJob(ctx, job.id, error.stateMessage);
      return;
    }
  }
  const partCount = split.parts.length;
  if (partCount > 0 && !(await reserveUsage(ctx, job.orgId, "DailyBulkApiBatches", partCount))) {
    await failJob(ctx, job.id, "ExceededQuota : Daily batch allocation exceeded");
    return;
  }
  const ids = await generateIds(ctx.pool, "751", partCount);
  const client = await ctx.pool.connect();
  try {
    await client.query("BEGIN");
    for (let part = 0; part < partCount; part += 1) {
      await client.query(`INSERT INTO emulator.bulk_batches (id, job_id, kind, content_type) VALUES ($1, $2, 'v2part', 'CSV')`, [
        ids[part],
        job.id,
      ]);
      await client.query("INSERT INTO emulator.bulk_data (owner_id, content_type, body) VALUES ($1, 'CSV', $2)", [
        ids[part],
        Buffer.from(split.header + split.parts[part], "utf8"),
      ]);
    }
    await client.query("UPDATE emulator.bulk_jobs SET result_header = $2, lease_until = NULL, system_modstamp = now() WHERE id = $1", [
      job.id,
      header.join(dialect.delimiter),
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  if (partCount === 0) await completeV2Ingest(ctx, job.id);
  else ctx.kick();
}

/** Marks the job JobComplete (or Failed) once no part is left to run, summing the parts' counters. */
export async function completeV2Ingest(ctx: EmulatorContext, jobId: string): Promise<void> {
  await ctx.pool.query(
    `WITH parts AS (
       SELECT COALESCE(sum(records_processed), 0) AS processed, COALESCE(sum(records_failed), 0) AS failed,
              COALESCE(sum(total_processing_time), 0) AS total, COALESCE(sum(api_active_processing_time), 0) AS active,
              COALESCE(sum(apex_processing_time), 0) AS apex, COALESCE(sum(GREATEST(attempts - 1, 0)), 0) AS retries,
              min(state_message) FILTER (WHERE state = 'Failed') AS failure
       FROM emulator.bulk_batches WHERE job_id = $1)
     UPDATE emulator.bulk_jobs j SET
       state = CASE WHEN parts.failure IS NULL THEN 'JobComplete' ELSE 'Failed' END,
       error_message = parts.failure, records_processed = parts.processed, records_failed = parts.failed,
       total_processing_time = parts.total, api_active_processing_time = parts.active, apex_processing_time = parts.apex,
       retries = parts.retries, system_modstamp = now()
     FROM parts
     WHERE j.id = $1 AND j.state = 'InProgress'
       AND NOT EXISTS (SELECT 1 FROM emulator.bulk_batches WHERE job_id = $1 AND state IN ('Queued', 'InProgress'))`,
    [jobId],
  );
}
