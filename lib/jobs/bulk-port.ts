/**
 * The Salesforce calls the runner needs, as one narrow interface. The runner never builds HTTP itself;
 * an adapter (over `lib/salesforce`, or the small fetch client in `http-bulk-port.ts`) implements this.
 */

export type BulkCallErrorKind =
  /** The session expired: refresh once and replay (the adapter does it; this escapes only if that failed). */
  | "session"
  /** REQUEST_LIMIT_EXCEEDED and friends: pause, do not hammer. */
  | "limit"
  /** 5xx, a dropped connection, a timeout: a read may be retried; a create's outcome is unknown. */
  | "transient"
  /** Anything else Salesforce refused (bad field, bad state, bad SOQL). */
  | "fatal";

export class BulkCallError extends Error {
  readonly kind: BulkCallErrorKind;
  readonly errorCode: string;
  readonly status: number;

  constructor(kind: BulkCallErrorKind, errorCode: string, status: number, message: string) {
    super(message);
    this.name = "BulkCallError";
    this.kind = kind;
    this.errorCode = errorCode;
    this.status = status;
  }
}

export interface BatchStatus {
  id: string;
  jobId: string;
  state: string;
  stateMessage?: string;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  totalProcessingTime: number;
  apiActiveProcessingTime: number;
  apexProcessingTime: number;
  /** Bulk API 2.0 only. */
  retries?: number;
  createdDate?: string;
  systemModstamp?: string;
}

/** v2 job info; `id` is the job id and `jobId` repeats it so v1 and v2 rows share one shape. */
export type V2JobStatus = BatchStatus & { errorMessage?: string };

interface V1JobSpec {
  object: string;
  operation: string;
  externalIdField?: string | null;
  concurrencyMode?: "Parallel" | "Serial";
  /** `Sforce-Enable-PKChunking`: true for Salesforce's default chunk size, a number for chunkSize. */
  pkChunking?: boolean | number;
}

interface V2IngestSpec {
  object: string;
  operation: string;
  externalIdField?: string | null;
}

interface QueryPage {
  csv: string;
  /** The next page's locator, or null after the last page. */
  locator: string | null;
}

type V2ResultSet = "successfulResults" | "failedResults" | "unprocessedrecords";

export interface BulkPort {
  /** The org's daily API usage from the last response's Sforce-Limit-Info, when Salesforce sent one. */
  apiUsage(): { used: number; max: number } | null;
  v1CreateJob(spec: V1JobSpec): Promise<{ id: string }>;
  /** The v1 job's own state (Open, Closed, Aborted, Failed) and format, for jobs made outside the app. */
  v1GetJob(jobId: string): Promise<{ state: string; contentType: string }>;
  /** Ingest results in any of v1's three formats, in submission order. */
  v1BatchResults(jobId: string, batchId: string): Promise<{ id: string | null; success: boolean; created: boolean; error: string | null }[]>;
  v1CloseJob(jobId: string): Promise<void>;
  v1AbortJob(jobId: string): Promise<void>;
  /** CSV records for ingest jobs, SOQL for query jobs. */
  v1CreateBatch(jobId: string, body: string): Promise<BatchStatus>;
  v1ListBatches(jobId: string): Promise<BatchStatus[]>;
  /** Ingest result CSV: `"Id","Success","Created","Error"`, one row per record in submission order. */
  v1BatchResult(jobId: string, batchId: string): Promise<string>;
  v1QueryResultIds(jobId: string, batchId: string): Promise<string[]>;
  v1QueryResult(jobId: string, batchId: string, resultId: string): Promise<string>;
  v2CreateIngestJob(spec: V2IngestSpec): Promise<{ id: string }>;
  v2Upload(jobId: string, csv: string): Promise<void>;
  v2SetState(kind: "ingest" | "query", jobId: string, state: "UploadComplete" | "Aborted"): Promise<void>;
  v2GetJob(kind: "ingest" | "query", jobId: string): Promise<V2JobStatus>;
  v2IngestResults(jobId: string, set: V2ResultSet): Promise<string>;
  v2CreateQueryJob(operation: "query" | "queryAll", soql: string): Promise<{ id: string }>;
  v2QueryResults(jobId: string, locator: string | null): Promise<QueryPage>;
}
