/**
 * Bulk API v1 (`/services/async/{version}`): jobs, batches, results, query results, PK chunking.
 * Creates (job, batch, state change) are sent once; reads retry on transient failures.
 */
import type { Connection } from "../connection";
import {
  buildJobXml,
  parseBatchInfo,
  parseBatchInfoList,
  parseJobInfo,
  parseResultIds,
  type BatchInfo,
  type ConcurrencyMode,
  type JobInfo,
  type V1ContentType,
  type V1Operation,
} from "./types";
import { parseIngestResults, type IngestResult } from "./results";

export interface CreateJobOptions {
  externalIdFieldName?: string;
  concurrencyMode?: ConcurrencyMode;
  contentType?: V1ContentType;
  assignmentRuleId?: string;
  /** `Sforce-Enable-PKChunking`: true for the default chunk size, a number for chunkSize, or a raw header value. */
  pkChunking?: boolean | number | string;
}

const BATCH_CONTENT_TYPES: Record<V1ContentType, string> = {
  CSV: "text/csv; charset=UTF-8",
  JSON: "application/json; charset=UTF-8",
  XML: "application/xml; charset=UTF-8",
};

function pkChunkingHeader(value: CreateJobOptions["pkChunking"]): string | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return "TRUE";
  if (typeof value === "number") return `chunkSize=${value}`;
  return value;
}

export class BulkV1Api {
  constructor(private readonly connection: Connection) {}

  private path(suffix: string): string {
    return `/services/async/${this.connection.apiVersion}${suffix}`;
  }

  /** JSON jobs answer JSON; XML is the v1 default for everything else. */
  private accept(contentType: V1ContentType | undefined): Record<string, string> {
    return contentType === "JSON" ? { Accept: "application/json" } : { Accept: "application/xml" };
  }

  async createJob(operation: V1Operation, object: string, options: CreateJobOptions = {}): Promise<JobInfo> {
    const contentType = options.contentType ?? "CSV";
    const fields = {
      operation,
      object,
      externalIdFieldName: options.externalIdFieldName,
      concurrencyMode: options.concurrencyMode,
      assignmentRuleId: options.assignmentRuleId,
      contentType,
    };
    const json = contentType === "JSON";
    const headers: Record<string, string> = {
      "Content-Type": json ? "application/json; charset=UTF-8" : "application/xml; charset=UTF-8",
      ...this.accept(contentType),
    };
    const pk = pkChunkingHeader(options.pkChunking);
    if (pk) headers["Sforce-Enable-PKChunking"] = pk;
    const body = json ? JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))) : buildJobXml(fields);
    const { text } = await this.connection.requestText({ method: "POST", path: this.path("/job"), auth: "bulk-v1", headers, body });
    return parseJobInfo(text);
  }

  async getJob(jobId: string, contentType?: V1ContentType): Promise<JobInfo> {
    const { text } = await this.connection.requestText({ method: "GET", path: this.path(`/job/${jobId}`), auth: "bulk-v1", headers: this.accept(contentType) });
    return parseJobInfo(text);
  }

  private async setState(jobId: string, state: "Closed" | "Aborted", contentType?: V1ContentType): Promise<JobInfo> {
    const json = contentType === "JSON";
    const { text } = await this.connection.requestText({
      method: "POST",
      path: this.path(`/job/${jobId}`),
      auth: "bulk-v1",
      headers: { "Content-Type": json ? "application/json; charset=UTF-8" : "application/xml; charset=UTF-8", ...this.accept(contentType) },
      body: json ? JSON.stringify({ state }) : buildJobXml({ state }),
    });
    return parseJobInfo(text);
  }

  closeJob(jobId: string, contentType?: V1ContentType): Promise<JobInfo> {
    return this.setState(jobId, "Closed", contentType);
  }

  abortJob(jobId: string, contentType?: V1ContentType): Promise<JobInfo> {
    return this.setState(jobId, "Aborted", contentType);
  }

  /** Adds a batch: CSV/JSON/XML records for ingest jobs, the SOQL text for query jobs. */
  async createBatch(jobId: string, body: string | Uint8Array, contentType: V1ContentType = "CSV"): Promise<BatchInfo> {
    const { text } = await this.connection.requestText({
      method: "POST",
      path: this.path(`/job/${jobId}/batch`),
      auth: "bulk-v1",
      headers: { "Content-Type": BATCH_CONTENT_TYPES[contentType], ...this.accept(contentType) },
      body,
    });
    return parseBatchInfo(text);
  }

  async listBatches(jobId: string, contentType?: V1ContentType): Promise<BatchInfo[]> {
    const { text } = await this.connection.requestText({ method: "GET", path: this.path(`/job/${jobId}/batch`), auth: "bulk-v1", headers: this.accept(contentType) });
    return parseBatchInfoList(text);
  }

  async getBatch(jobId: string, batchId: string, contentType?: V1ContentType): Promise<BatchInfo> {
    const { text } = await this.connection.requestText({ method: "GET", path: this.path(`/job/${jobId}/batch/${batchId}`), auth: "bulk-v1", headers: this.accept(contentType) });
    return parseBatchInfo(text);
  }

  /** The batch body as submitted (API 19.0+). */
  async getBatchRequest(jobId: string, batchId: string): Promise<string> {
    const { text } = await this.connection.requestText({ method: "GET", path: this.path(`/job/${jobId}/batch/${batchId}/request`), auth: "bulk-v1" });
    return text;
  }

  /** The raw ingest result body (CSV for CSV jobs), for storing as-is. */
  async getBatchResultText(jobId: string, batchId: string): Promise<string> {
    const { text } = await this.connection.requestText({ method: "GET", path: this.path(`/job/${jobId}/batch/${batchId}/result`), auth: "bulk-v1" });
    return text;
  }

  async getBatchResult(jobId: string, batchId: string): Promise<IngestResult[]> {
    return parseIngestResults(await this.getBatchResultText(jobId, batchId));
  }

  async getQueryResultIds(jobId: string, batchId: string, contentType?: V1ContentType): Promise<string[]> {
    const { text } = await this.connection.requestText({ method: "GET", path: this.path(`/job/${jobId}/batch/${batchId}/result`), auth: "bulk-v1", headers: this.accept(contentType) });
    return parseResultIds(text);
  }

  /** CSV transformation spec (`Salesforce Field,Csv Header,Value,Hint` rows) mapping file headers to fields. */
  async uploadTransformationSpec(jobId: string, specCsv: string): Promise<void> {
    const response = await this.connection.request({ method: "POST", path: this.path(`/job/${jobId}/spec`), auth: "bulk-v1", headers: { "Content-Type": "text/csv; charset=UTF-8" }, body: specCsv });
    await response.body?.cancel();
  }

  /** One query result set, unread, so large results can be streamed. */
  getQueryResult(jobId: string, batchId: string, resultId: string): Promise<Response> {
    return this.connection.request({ method: "GET", path: this.path(`/job/${jobId}/batch/${batchId}/result/${resultId}`), auth: "bulk-v1" });
  }
}
