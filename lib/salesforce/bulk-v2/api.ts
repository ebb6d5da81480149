/**
 * Bulk API 2.0 (`/services/data/v{version}/jobs/…`): ingest jobs (create, upload once, close, abort, delete,
 * info, list, results) and query jobs (create, info, abort, delete, results paged by `Sforce-Locator`).
 */
import { randomBytes } from "node:crypto";
import Papa from "papaparse";
import type { Connection } from "../connection";
import { SalesforceApiError } from "../http/errors";

export type V2IngestOperation = "insert" | "update" | "upsert" | "delete" | "hardDelete";
export type ColumnDelimiter = "BACKQUOTE" | "CARET" | "COMMA" | "PIPE" | "SEMICOLON" | "TAB";
export type LineEnding = "LF" | "CRLF";
export type V2ResultKind = "successfulResults" | "failedResults" | "unprocessedrecords";
export type V2JobKind = "ingest" | "query";

export interface V2JobInfo {
  id: string;
  operation: string;
  object: string;
  state: "Open" | "UploadComplete" | "InProgress" | "JobComplete" | "Failed" | "Aborted";
  createdById?: string;
  createdDate?: string;
  systemModstamp?: string;
  externalIdFieldName?: string;
  concurrencyMode?: string;
  contentType?: string;
  apiVersion?: number;
  jobType?: string;
  contentUrl?: string;
  lineEnding?: LineEnding;
  columnDelimiter?: ColumnDelimiter;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  retries?: number;
  totalProcessingTime?: number;
  apiActiveProcessingTime?: number;
  apexProcessingTime?: number;
  errorMessage?: string;
}

export interface CreateIngestJobInput {
  object: string;
  operation: V2IngestOperation;
  externalIdFieldName?: string;
  lineEnding?: LineEnding;
  columnDelimiter?: ColumnDelimiter;
  assignmentRuleId?: string;
}

export interface QueryResultPage {
  csv: string;
  /** Locator for the next page, or null after the last one (Salesforce sends the literal string "null"). */
  locator: string | null;
  numberOfRecords: number;
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=UTF-8", Accept: "application/json" };

function parseJob(text: string): V2JobInfo {
  const value = JSON.parse(text) as V2JobInfo;
  if (!value || typeof value.id !== "string") throw new SalesforceApiError("INVALID_RESPONSE", 200, "Bulk 2.0 job response has no id", false);
  return value;
}

export class BulkV2Api {
  constructor(private readonly connection: Connection) {}

  private path(kind: V2JobKind, suffix = ""): string {
    return `/services/data/v${this.connection.apiVersion}/jobs/${kind}${suffix}`;
  }

  async createIngestJob(input: CreateIngestJobInput): Promise<V2JobInfo> {
    const body = JSON.stringify({ contentType: "CSV", ...input });
    const { text } = await this.connection.requestText({ method: "POST", path: this.path("ingest"), headers: JSON_HEADERS, body });
    return parseJob(text);
  }

  /** Create + upload in one multipart request (≤ 100,000 characters of CSV); the job starts UploadComplete. */
  async createIngestJobWithData(input: CreateIngestJobInput, csv: string): Promise<V2JobInfo> {
    if (csv.length > 100_000) throw new RangeError("Multipart create+upload takes at most 100,000 characters; use createIngestJob + uploadJobData");
    const boundary = `----bulk-${randomBytes(12).toString("hex")}`;
    const body = [
      `--${boundary}`,
      "Content-Type: application/json",
      'Content-Disposition: form-data; name="job"',
      "",
      JSON.stringify({ contentType: "CSV", ...input }),
      `--${boundary}`,
      "Content-Type: text/csv",
      'Content-Disposition: form-data; name="content"; filename="content"',
      "",
      csv,
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const { text } = await this.connection.requestText({
      method: "POST",
      path: this.path("ingest"),
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, Accept: "application/json" },
      body,
    });
    return parseJob(text);
  }

  /** The single allowed upload for a job (≤ 100 MB raw CSV); expects 201 with no body. */
  async uploadJobData(jobId: string, csv: string | Uint8Array): Promise<void> {
    const response = await this.connection.request({ method: "PUT", path: this.path("ingest", `/${jobId}/batches`), headers: { "Content-Type": "text/csv" }, body: csv });
    await response.body?.cancel();
  }

  private async patchState(kind: V2JobKind, jobId: string, state: "UploadComplete" | "Aborted"): Promise<V2JobInfo> {
    const { text } = await this.connection.requestText({ method: "PATCH", path: this.path(kind, `/${jobId}`), headers: JSON_HEADERS, body: JSON.stringify({ state }) });
    return parseJob(text);
  }

  closeIngestJob(jobId: string): Promise<V2JobInfo> {
    return this.patchState("ingest", jobId, "UploadComplete");
  }

  abortJob(kind: V2JobKind, jobId: string): Promise<V2JobInfo> {
    return this.patchState(kind, jobId, "Aborted");
  }

  async deleteJob(kind: V2JobKind, jobId: string): Promise<void> {
    // Deleting twice is harmless (the second answers NOT_FOUND), so a retry after a dropped connection is fine.
    const response = await this.connection.request({ method: "DELETE", path: this.path(kind, `/${jobId}`), idempotent: true });
    await response.body?.cancel();
  }

  async getJob(kind: V2JobKind, jobId: string): Promise<V2JobInfo> {
    const { text } = await this.connection.requestText({ method: "GET", path: this.path(kind, `/${jobId}`), headers: { Accept: "application/json" } });
    return parseJob(text);
  }

  /** Every job of that kind, following `nextRecordsUrl`. */
  async *listJobs(kind: V2JobKind, query: Record<string, string> = {}): AsyncGenerator<V2JobInfo> {
    const params = new URLSearchParams(query).toString();
    let next: string | null = this.path(kind, params ? `?${params}` : "");
    while (next) {
      const { text }: { text: string } = await this.connection.requestText({ method: "GET", path: next, headers: { Accept: "application/json" } });
      const page = JSON.parse(text) as { records?: V2JobInfo[]; nextRecordsUrl?: string | null; done?: boolean };
      for (const job of page.records ?? []) yield job;
      next = page.done === false && page.nextRecordsUrl ? page.nextRecordsUrl : null;
    }
  }

  /** Results CSV, unread, for streaming (`successfulResults`, `failedResults`, `unprocessedrecords`). */
  getIngestResults(jobId: string, kind: V2ResultKind): Promise<Response> {
    return this.connection.request({ method: "GET", path: this.path("ingest", `/${jobId}/${kind}`), headers: { Accept: "text/csv" } });
  }

  async createQueryJob(soql: string, options: { operation?: "query" | "queryAll"; lineEnding?: LineEnding; columnDelimiter?: ColumnDelimiter } = {}): Promise<V2JobInfo> {
    const body = JSON.stringify({ operation: options.operation ?? "query", query: soql, contentType: "CSV", lineEnding: options.lineEnding, columnDelimiter: options.columnDelimiter });
    const { text } = await this.connection.requestText({ method: "POST", path: this.path("query"), headers: JSON_HEADERS, body });
    return parseJob(text);
  }

  /** One page of query results; pass the previous page's locator, or null for the first page. */
  async getQueryResultsPage(jobId: string, locator: string | null, maxRecords?: number): Promise<QueryResultPage> {
    const params = new URLSearchParams();
    if (locator) params.set("locator", locator);
    if (maxRecords) params.set("maxRecords", String(maxRecords));
    const query = params.toString();
    const { text, response } = await this.connection.requestText({ method: "GET", path: this.path("query", `/${jobId}/results${query ? `?${query}` : ""}`), headers: { Accept: "text/csv" } });
    const next = response.headers.get("sforce-locator");
    return { csv: text, locator: next && next !== "null" ? next : null, numberOfRecords: Number(response.headers.get("sforce-numberofrecords") ?? 0) };
  }

  /** All result pages in order; each page's CSV starts with the header row. */
  async *queryResultPages(jobId: string, options: { maxRecords?: number } = {}): AsyncGenerator<QueryResultPage> {
    let locator: string | null = null;
    do {
      const page: QueryResultPage = await this.getQueryResultsPage(jobId, locator, options.maxRecords);
      yield page;
      locator = page.locator;
    } while (locator);
  }

  /** All result records as objects (CSV parsed page by page, so memory stays bounded by one page). */
  async *queryRecords(jobId: string, options: { maxRecords?: number } = {}): AsyncGenerator<Record<string, string>> {
    for await (const page of this.queryResultPages(jobId, options)) {
      yield* Papa.parse<Record<string, string>>(page.csv, { header: true, skipEmptyLines: true }).data;
    }
  }
}
