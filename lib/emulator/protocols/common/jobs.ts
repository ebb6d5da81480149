/** Postgres access for Bulk jobs and batches (both APIs); the processing loop uses the same rows. */
import type { Queryable } from "../../org";

type JobKind = "v1" | "v2ingest" | "v2query";

export interface JobRow {
  id: string;
  orgId: string;
  createdBy: string;
  kind: JobKind;
  operation: string;
  object: string;
  externalIdField: string | null;
  assignmentRuleId: string | null;
  concurrencyMode: string;
  contentType: string;
  apiVersion: string;
  state: string;
  lineEnding: string | null;
  columnDelimiter: string | null;
  soql: string | null;
  pkChunking: { chunkSize: number; startRow?: string } | null;
  errorMessage: string | null;
  uploadBytes: number | null;
  resultHeader: string | null;
  recordsProcessed: number;
  recordsFailed: number;
  totalProcessingTime: number;
  apiActiveProcessingTime: number;
  apexProcessingTime: number;
  retries: number;
  createdAt: Date;
  systemModstamp: Date;
}

export interface BatchRow {
  id: string;
  jobId: string;
  kind: string;
  state: string;
  stateMessage: string | null;
  contentType: string;
  soql: string | null;
  idRange: { gte?: string; lt?: string } | null;
  recordCount: number | null;
  progress: number;
  recordsProcessed: number;
  recordsFailed: number;
  totalProcessingTime: number;
  apiActiveProcessingTime: number;
  apexProcessingTime: number;
  attempts: number;
  startedAt: Date | null;
  createdAt: Date;
  systemModstamp: Date;
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const NUMERIC = new Set(["totalProcessingTime", "apiActiveProcessingTime", "apexProcessingTime", "uploadBytes"]);

function mapRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = camel(key);
    out[name] = NUMERIC.has(name) && value !== null ? Number(value) : value;
  }
  return out as T;
}

const JOB_COLUMNS = `id, org_id, created_by, kind, operation, object, external_id_field, assignment_rule_id, concurrency_mode,
  content_type, api_version, state, line_ending, column_delimiter, soql, pk_chunking, error_message, upload_bytes,
  result_header, records_processed, records_failed, total_processing_time, api_active_processing_time,
  apex_processing_time, retries, created_at, system_modstamp`;

const BATCH_COLUMNS = `id, job_id, kind, state, state_message, content_type, soql, id_range, record_count, progress,
  records_processed, records_failed, total_processing_time, api_active_processing_time, apex_processing_time,
  attempts, started_at, created_at, system_modstamp`;

export interface NewJob {
  id: string;
  orgId: string;
  createdBy: string;
  kind: JobKind;
  operation: string;
  object: string;
  externalIdField?: string | null;
  assignmentRuleId?: string | null;
  concurrencyMode?: string;
  contentType: string;
  apiVersion: string;
  state: string;
  lineEnding?: string | null;
  columnDelimiter?: string | null;
  soql?: string | null;
  pkChunking?: { chunkSize: number; startRow?: string } | null;
  notBeforeMs?: number | null;
}

export async function insertJob(db: Queryable, job: NewJob): Promise<JobRow> {
  const { rows } = await db.query(
    `INSERT INTO emulator.bulk_jobs (id, org_id, created_by, kind, operation, object, external_id_field, assignment_rule_id,
       concurrency_mode, content_type, api_version, state, line_ending, column_delimiter, soql, pk_chunking, not_before)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,
       CASE WHEN $17::int IS NULL THEN NULL ELSE now() + make_interval(secs => $17::int / 1000.0) END)
     RETURNING ${JOB_COLUMNS}`,
    [
      job.id,
      job.orgId,
      job.createdBy,
      job.kind,
      job.operation,
      job.object,
      job.externalIdField ?? null,
      job.assignmentRuleId ?? null,
      job.concurrencyMode ?? "Parallel",
      job.contentType,
      job.apiVersion,
      job.state,
      job.lineEnding ?? null,
      job.columnDelimiter ?? null,
      job.soql ?? null,
      job.pkChunking ? JSON.stringify(job.pkChunking) : null,
      job.notBeforeMs ?? null,
    ],
  );
  return mapRow<JobRow>(rows[0]);
}

/** A job of this org (not deleted), or undefined. */
export async function findJob(db: Queryable, orgId: string, jobId: string): Promise<JobRow | undefined> {
  const { rows } = await db.query(
    `SELECT ${JOB_COLUMNS} FROM emulator.bulk_jobs WHERE id = $1 AND org_id = $2 AND NOT deleted`,
    [jobId, orgId],
  );
  return rows[0] ? mapRow<JobRow>(rows[0]) : undefined;
}

export async function getJobById(db: Queryable, jobId: string): Promise<JobRow | undefined> {
  const { rows } = await db.query(`SELECT ${JOB_COLUMNS} FROM emulator.bulk_jobs WHERE id = $1`, [jobId]);
  return rows[0] ? mapRow<JobRow>(rows[0]) : undefined;
}

/** Moves a job to `state` only if it is currently in one of `from`; returns the updated row or undefined. */
export async function transitionJob(
  db: Queryable,
  jobId: string,
  from: string[],
  state: string,
  extra: { errorMessage?: string; notBeforeMs?: number } = {},
): Promise<JobRow | undefined> {
  const { rows } = await db.query(
    `UPDATE emulator.bulk_jobs SET state = $3, system_modstamp = now(),
       error_message = COALESCE($4, error_message),
       not_before = CASE WHEN $5::int IS NULL THEN not_before ELSE now() + make_interval(secs => $5::int / 1000.0) END
     WHERE id = $1 AND state = ANY($2::text[]) RETURNING ${JOB_COLUMNS}`,
    [jobId, from, state, extra.errorMessage ?? null, extra.notBeforeMs ?? null],
  );
  return rows[0] ? mapRow<JobRow>(rows[0]) : undefined;
}

export interface NewBatch {
  id: string;
  jobId: string;
  kind: string;
  contentType: string;
  soql?: string | null;
  idRange?: { gte?: string; lt?: string } | null;
  recordCount?: number | null;
  state?: string;
  stateMessage?: string | null;
  notBeforeMs: number;
}

export async function insertBatch(db: Queryable, batch: NewBatch): Promise<BatchRow> {
  const { rows } = await db.query(
    `INSERT INTO emulator.bulk_batches (id, job_id, kind, content_type, soql, id_range, record_count, state, state_message, not_before)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9, now() + make_interval(secs => $10::int / 1000.0)) RETURNING ${BATCH_COLUMNS}`,
    [
      batch.id,
      batch.jobId,
      batch.kind,
      batch.contentType,
      batch.soql ?? null,
      batch.idRange ? JSON.stringify(batch.idRange) : null,
      batch.recordCount ?? null,
      batch.state ?? "Queued",
      batch.stateMessage ?? null,
      batch.notBeforeMs,
    ],
  );
  return mapRow<BatchRow>(rows[0]);
}

export async function findBatch(db: Queryable, jobId: string, batchId: string): Promise<BatchRow | undefined> {
  const { rows } = await db.query(`SELECT ${BATCH_COLUMNS} FROM emulator.bulk_batches WHERE id = $1 AND job_id = $2`, [batchId, jobId]);
  return rows[0] ? mapRow<BatchRow>(rows[0]) : undefined;
}

export async function getBatchById(db: Queryable, batchId: string): Promise<BatchRow | undefined> {
  const { rows } = await db.query(`SELECT ${BATCH_COLUMNS} FROM emulator.bulk_batches WHERE id = $1`, [batchId]);
  return rows[0] ? mapRow<BatchRow>(rows[0]) : undefined;
}

export async function listBatches(db: Queryable, jobId: string, kinds?: string[]): Promise<BatchRow[]> {
  const { rows } = await db.query(
    `SELECT ${BATCH_COLUMNS} FROM emulator.bulk_batches WHERE job_id = $1 AND ($2::text[] IS NULL OR kind = ANY($2::text[])) ORDER BY seq`,
    [jobId, kinds ?? null],
  );
  return rows.map((row) => mapRow<BatchRow>(row));
}

export interface V1Counters {
  queued: number;
  inProgress: number;
  completed: number;
  failed: number;
  total: number;
  recordsProcessed: number;
  recordsFailed: number;
  totalProcessingTime: number;
  apiActiveProcessingTime: number;
  apexProcessingTime: number;
  retries: number;
}

/** v1 job counters are sums over its batches; the NotProcessed parent of a PK-chunked query is not counted. */
export async function v1Counters(db: Queryable, jobId: string): Promise<V1Counters> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT count(*) FILTER (WHERE state = 'Queued') AS queued,
            count(*) FILTER (WHERE state = 'InProgress') AS in_progress,
            count(*) FILTER (WHERE state = 'Completed') AS completed,
            count(*) FILTER (WHERE state = 'Failed') AS failed,
            count(*) AS total,
            COALESCE(sum(records_processed), 0) AS records_processed,
            COALESCE(sum(records_failed), 0) AS records_failed,
            COALESCE(sum(total_processing_time), 0) AS total_processing_time,
            COALESCE(sum(api_active_processing_time), 0) AS api_active_processing_time,
            COALESCE(sum(apex_processing_time), 0) AS apex_processing_time,
            COALESCE(sum(GREATEST(attempts - 1, 0)), 0) AS retries
     FROM emulator.bulk_batches WHERE job_id = $1 AND kind <> 'pkparent'`,
    [jobId],
  );
  const r = rows[0];
  return {
    queued: Number(r.queued),
    inProgress: Number(r.in_progress),
    completed: Number(r.completed),
    failed: Number(r.failed),
    total: Number(r.total),
    recordsProcessed: Number(r.records_processed),
    recordsFailed: Number(r.records_failed),
    totalProcessingTime: Number(r.total_processing_time),
    apiActiveProcessingTime: Number(r.api_active_processing_time),
    apexProcessingTime: Number(r.apex_processing_time),
    retries: Number(r.retries),
  };
}

export async function storeData(db: Queryable, ownerId: string, contentType: string, body: Buffer): Promise<void> {
  await db.query(
    `INSERT INTO emulator.bulk_data (owner_id, content_type, body) VALUES ($1, $2, $3)
     ON CONFLICT (owner_id) DO UPDATE SET content_type = EXCLUDED.content_type, body = EXCLUDED.body`,
    [ownerId, contentType, body],
  );
}

export async function loadData(db: Queryable, ownerId: string): Promise<{ contentType: string; body: Buffer } | undefined> {
  const { rows } = await db.query<{ content_type: string; body: Buffer }>(
    "SELECT content_type, body FROM emulator.bulk_data WHERE owner_id = $1",
    [ownerId],
  );
  return rows[0] ? { contentType: rows[0].content_type, body: rows[0].body } : undefined;
}
