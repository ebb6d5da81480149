/**
 * Helpers of tests/e2e/replicas.spec.ts (and standalone.spec.ts): jobs created through the public API of a chosen server
 * (`""` = the spec's baseURL), a
 * watcher that samples which server holds which job's lease, and the exactly-once audit that compares
 * our database with the emulator's own records.
 */
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";

/** Parts stay well under the API's 4 MB limit (rows are ~40 bytes). */
const ROWS_PER_PART = 50_000;

export interface JobSpec {
  label: string;
  api: "v1" | "v2";
  rows: number;
  /** Every row's Description; each row's Name is `<marker> <index>`, unique across the whole test. */
  marker: string;
}

/** Uploads `spec.rows` Account rows in parts and creates an insert job, all through `baseUrl`. */
export async function createJobThrough(request: APIRequestContext, baseUrl: string, orgConnectionId: string, spec: JobSpec): Promise<string> {
  const upload = await request.post(`${baseUrl}/api/uploads`, { data: { fileName: `${spec.label}.csv`, columns: ["Name", "Description"] } });
  if (upload.status() !== 201) throw new Error(`upload refused: ${upload.status()} ${await upload.text()}`);
  const { id: uploadId } = (await upload.json()) as { id: string };
  // Every part is ready before the first is sent, so the requests go back to back.
  const parts: Buffer[] = [];
  for (let first = 0; first < spec.rows; first += ROWS_PER_PART) {
    const lines: string[] = [];
    for (let row = first; row < Math.min(spec.rows, first + ROWS_PER_PART); row += 1) lines.push(`${spec.marker} ${row},${spec.marker}`);
    parts.push(Buffer.from(`${lines.join("\n")}\n`));
  }
  for (const [index, data] of parts.entries()) await putPart(request, `${baseUrl}/api/uploads/${uploadId}/parts/${index + 1}`, data);
  const partCount = parts.length;
  const complete = await request.post(`${baseUrl}/api/uploads/${uploadId}/complete`, { data: { partCount, rowCount: spec.rows } });
  if (!complete.ok()) throw new Error(`upload not completed: ${complete.status()} ${await complete.text()}`);
  const job = await request.post(`${baseUrl}/api/jobs`, { data: { orgConnectionId, object: "Account", operation: "insert", api: spec.api, uploadId } });
  if (job.status() !== 201) throw new Error(`job refused: ${job.status()} ${await job.text()}`);
  return ((await job.json()) as { id: string }).id;
}

/**
 * A part is sent again after a dropped connection (a kept-alive socket the busy server closed at the same
 * moment), as the browser's uploader does: the API stores the same bytes once and answers 200.
 */
async function putPart(request: APIRequestContext, url: string, data: Buffer): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const part = await request.put(url, { headers: { "content-type": "text/csv" }, data });
      if (part.status() === 201 || part.status() === 200) return;
      throw new Error(`part refused: ${part.status()} ${await part.text()}`);
    } catch (error) {
      const dropped = error instanceof Error && /ECONNRESET|socket hang up|EPIPE/.test(error.message);
      if (!dropped || attempt === 3) throw error;
    }
  }
}

export interface JobRow {
  id: string;
  state: string;
  lease_owner: string | null;
  total_rows: number;
  submitted_rows: number;
  processed_rows: number;
  failed_rows: number;
  unprocessed_rows: number;
}

/** Samples the jobs' rows; remembers, per runner pid (the lease owner is `<host>:<pid>:<id>`), the jobs it held. */
export class LeaseWatcher {
  readonly heldBy = new Map<number, Set<string>>();
  /** Per job: the first runner pid seen holding it, and when. */
  readonly firstHeld = new Map<string, { pid: number; at: number }>();
  samples = 0;

  /** `ignorePids`: runners known dead (a killed server's lease lingers until it runs out). */
  constructor(
    private readonly client: pg.Client,
    private readonly jobIds: string[],
    private readonly ignorePids: number[] = [],
  ) {}

  async sample(): Promise<JobRow[]> {
    const { rows } = await this.client.query<JobRow>(
      `SELECT id, state::text, lease_owner, total_rows, submitted_rows, processed_rows, failed_rows, unprocessed_rows
         FROM bulk_jobs WHERE id = ANY($1)`,
      [this.jobIds],
    );
    this.samples += 1;
    for (const row of rows) {
      const pid = row.lease_owner ? Number(row.lease_owner.split(":")[1]) : NaN;
      if (!Number.isFinite(pid) || this.ignorePids.includes(pid)) continue;
      if (!this.firstHeld.has(row.id)) this.firstHeld.set(row.id, { pid, at: Date.now() });
      if (!this.heldBy.has(pid)) this.heldBy.set(pid, new Set());
      this.heldBy.get(pid)!.add(row.id);
    }
    return rows;
  }

  /** Samples every `everyMs` until `done(rows)` holds; throws after `timeoutMs`. */
  async until(done: (rows: JobRow[]) => boolean, timeoutMs: number, everyMs = 50): Promise<JobRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.sample();
      if (done(rows)) return rows;
      if (Date.now() > deadline) throw new Error(`timed out; jobs: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}

export interface ExactlyOnceReport {
  /** Per marker (job): records the emulator holds, and how many distinct Names among them. */
  records: Record<string, { total: number; distinct: number }>;
  duplicates: number;
  /**
   * Salesforce jobs the emulator has that our database does not name (harmless only while they hold no
   * records: a v2 job aborted mid-upload by reconciliation), and the reverse.
   */
  unknownSalesforceJobs: { id: string; kind: string; state: string; recordsProcessed: number }[];
  missingSalesforceJobs: string[];
  /** v1 batches the emulator received that our database does not name, and the reverse. */
  unknownBatches: string[];
  missingBatches: string[];
  /** Per app job: v1 batches on the emulator and the records they carried. */
  v1Batches: Record<string, { batches: number; records: number }>;
}

/** Our database against the emulator's own tables (`emulator.*`, the same database here). */
export async function auditExactlyOnce(client: pg.Client, jobIds: string[], markers: string[]): Promise<ExactlyOnceReport> {
  const records: ExactlyOnceReport["records"] = {};
  const counted = await client.query<{ marker: string; total: number; distinct: number }>(
    `SELECT fields->>'Description' AS marker, count(*)::int AS total, count(DISTINCT fields->>'Name')::int AS distinct
       FROM emulator.records WHERE object = 'Account' AND fields->>'Description' = ANY($1) GROUP BY 1`,
    [markers],
  );
  for (const marker of markers) records[marker] = { total: 0, distinct: 0 };
  for (const row of counted.rows) records[row.marker] = { total: row.total, distinct: row.distinct };
  const duplicates = Object.values(records).reduce((sum, r) => sum + r.total - r.distinct, 0);

  const ours = await client.query<{ bulk_job_id: string; sf_job_id: string | null; sf_batch_id: string | null; api: string; job_sf_job_id: string | null }>(
    `SELECT b.bulk_job_id, b.sf_job_id, b.sf_batch_id, j.api::text AS api, j.sf_job_id AS job_sf_job_id
       FROM salesforce_batches b JOIN bulk_jobs j ON j.id = b.bulk_job_id WHERE j.id = ANY($1)`,
    [jobIds],
  );
  const ourJobs = new Set<string>();
  const ourBatches = new Set<string>();
  for (const row of ours.rows) {
    const sfJob = row.api === "v1" ? row.job_sf_job_id : row.sf_job_id;
    if (sfJob) ourJobs.add(sfJob);
    if (row.api === "v1" && row.sf_batch_id) ourBatches.add(row.sf_batch_id);
  }
  const theirJobRows = await client.query<{ id: string; kind: string; state: string; recordsProcessed: number }>(
    `SELECT id, kind, state, records_processed AS "recordsProcessed" FROM emulator.bulk_jobs WHERE kind IN ('v1', 'v2ingest')`,
  );
  const theirJobs = new Set(theirJobRows.rows.map((r) => r.id));
  const theirBatches = await client.query<{ id: string; job_id: string; record_count: number | null }>(
    `SELECT b.id, b.job_id, b.record_count FROM emulator.bulk_batches b JOIN emulator.bulk_jobs j ON j.id = b.job_id
      WHERE j.kind = 'v1' AND b.kind = 'ingest'`,
  );
  const v1Batches: ExactlyOnceReport["v1Batches"] = {};
  const appJobOfSfJob = new Map(ours.rows.filter((r) => r.api === "v1" && r.job_sf_job_id).map((r) => [r.job_sf_job_id!, r.bulk_job_id]));
  for (const batch of theirBatches.rows) {
    const appJob = appJobOfSfJob.get(batch.job_id) ?? `unknown:${batch.job_id}`;
    v1Batches[appJob] ??= { batches: 0, records: 0 };
    v1Batches[appJob].batches += 1;
    v1Batches[appJob].records += batch.record_count ?? 0;
  }
  const theirBatchIds = new Set(theirBatches.rows.map((r) => r.id));
  return {
    records,
    duplicates,
    unknownSalesforceJobs: theirJobRows.rows.filter((r) => !ourJobs.has(r.id)),
    missingSalesforceJobs: [...ourJobs].filter((id) => !theirJobs.has(id)),
    unknownBatches: [...theirBatchIds].filter((id) => !ourBatches.has(id)),
    missingBatches: [...ourBatches].filter((id) => !theirBatchIds.has(id)),
    v1Batches,
  };
}
