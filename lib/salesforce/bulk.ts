/**
 * `Bulk`: the sfbulk-compatible facade (login, jobCreate, batchCreate, jobClose, jobAbort, jobIsCompleted,
 * batchStatus, batchResult) over the full client. Data over the v1 limits is split into as many batches as needed.
 */
import { parseQueryResult, streamCsvRecords, type QueryRecord } from "./bulk-v1/query-results";
import type { IngestResult } from "./bulk-v1/results";
import { structuredBatches } from "./bulk-v1/serialize";
import { TERMINAL_BATCH_STATES, type BatchInfo, type ConcurrencyMode, type JobInfo, type V1ContentType, type V1Operation } from "./bulk-v1/types";
import { SalesforceClient } from "./client";
import type { ConnectionOptions } from "./connection";
import { splitCsv, type CsvSource } from "./csv/splitter";
import { recordsToCsv, type CsvRecord } from "./csv/writer";

export interface BulkOptions extends Omit<ConnectionOptions, "session"> {
  /** Overrides production and sandbox login hosts (My Domain, or the emulator). */
  loginUrl?: string;
}

export interface JobCreateOptions {
  externalIdFieldName?: string;
  concurrencyMode?: ConcurrencyMode;
  contentType?: V1ContentType;
  pkChunking?: boolean | number | string;
}

/** sfbulk's batch_status entry, with numbers as numbers. */
export type BatchStatus = Pick<BatchInfo, "apexProcessingTime" | "apiActiveProcessingTime" | "createdDate" | "id" | "jobId" | "numberRecordsFailed" | "numberRecordsProcessed" | "state" | "systemModstamp" | "totalProcessingTime" | "stateMessage">;

export type BatchData = string | readonly CsvRecord[] | Uint8Array | AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

const QUERY_OPERATIONS = new Set(["query", "queryAll"]);

export class Bulk {
  readonly client: SalesforceClient;
  private readonly loginUrl?: string;
  private job: JobInfo | null = null;

  constructor(options: BulkOptions = {}) {
    this.client = new SalesforceClient(options);
    this.loginUrl = options.loginUrl;
  }

  /** The current job (the last one created). */
  get jobId(): string | null {
    return this.job?.id ?? null;
  }

  async login(username: string, password: string, securityToken = "", options: { sandbox?: boolean } = {}): Promise<void> {
    await this.client.loginWithPassword(username, password, securityToken, { loginUrl: this.loginUrl, sandbox: options.sandbox });
  }

  async jobCreate(operation: V1Operation, object: string, options: JobCreateOptions = {}): Promise<JobInfo> {
    this.job = await this.client.bulkV1.createJob(operation, object, options);
    return this.job;
  }

  private current(): JobInfo {
    if (!this.job) throw new Error("No current job: call jobCreate() first");
    return this.job;
  }

  /** Adds the data as one or more batches; returns their ids in submission order. */
  async batchCreate(data: BatchData): Promise<string[]> {
    const job = this.current();
    const api = this.client.bulkV1;
    if (QUERY_OPERATIONS.has(job.operation)) {
      if (typeof data !== "string") throw new Error("A query job takes a SOQL string");
      return [(await api.createBatch(job.id, data, job.contentType)).id];
    }
    const ids: string[] = [];
    if (Array.isArray(data) && job.contentType !== "CSV") {
      for (const body of structuredBatches(data as CsvRecord[], job.contentType === "JSON" ? "JSON" : "XML")) ids.push((await api.createBatch(job.id, body, job.contentType)).id);
      return ids;
    }
    const source: CsvSource = Array.isArray(data) ? recordsToCsv(data as CsvRecord[]) : (data as CsvSource);
    for await (const part of splitCsv(source, { target: "v1" })) ids.push((await api.createBatch(job.id, part.body, job.contentType)).id);
    if (ids.length === 0) throw new Error("The data has a header but no records");
    return ids;
  }

  async jobClose(): Promise<JobInfo> {
    const job = this.current();
    return this.client.bulkV1.closeJob(job.id, job.contentType);
  }

  async jobAbort(): Promise<JobInfo> {
    const job = this.current();
    return this.client.bulkV1.abortJob(job.id, job.contentType);
  }

  private async batches(): Promise<BatchInfo[]> {
    const job = this.current();
    return this.client.bulkV1.listBatches(job.id, job.contentType);
  }

  /** True once every batch is Completed, Failed or NotProcessed. */
  async jobIsCompleted(): Promise<boolean> {
    const batches = await this.batches();
    return batches.length > 0 && batches.every((batch) => TERMINAL_BATCH_STATES.has(batch.state));
  }

  async batchStatus(batchId?: string): Promise<Record<string, BatchStatus>> {
    const batches = (await this.batches()).filter((batch) => !batchId || batch.id === batchId);
    return Object.fromEntries(batches.map((batch) => [batch.id, batch]));
  }

  /** Ingest jobs: `{ id, success, created, error }` per record in input order; query jobs: the records. */
  async batchResult(batchId?: string): Promise<Record<string, IngestResult[] | QueryRecord[]>> {
    const job = this.current();
    const api = this.client.bulkV1;
    const out: Record<string, IngestResult[] | QueryRecord[]> = {};
    for (const batch of await this.batches()) {
      if ((batchId && batch.id !== batchId) || batch.state === "NotProcessed") continue;
      if (!QUERY_OPERATIONS.has(job.operation)) {
        out[batch.id] = await api.getBatchResult(job.id, batch.id);
        continue;
      }
      const records: QueryRecord[] = [];
      for (const resultId of await api.getQueryResultIds(job.id, batch.id, job.contentType)) {
        const response = await api.getQueryResult(job.id, batch.id, resultId);
        records.push(...parseQueryResult(await response.text()));
      }
      out[batch.id] = records;
    }
    return out;
  }

  /** Streaming variant for large query results (CSV jobs): records one at a time, in bounded memory. */
  async *batchResultStream(batchId?: string): AsyncGenerator<{ batchId: string; record: QueryRecord | IngestResult }> {
    const job = this.current();
    const api = this.client.bulkV1;
    for (const batch of await this.batches()) {
      if ((batchId && batch.id !== batchId) || batch.state === "NotProcessed") continue;
      if (!QUERY_OPERATIONS.has(job.operation)) {
        for (const record of await api.getBatchResult(job.id, batch.id)) yield { batchId: batch.id, record };
        continue;
      }
      for (const resultId of await api.getQueryResultIds(job.id, batch.id, job.contentType)) {
        const response = await api.getQueryResult(job.id, batch.id, resultId);
        if (job.contentType === "CSV" && response.body) {
          for await (const record of streamCsvRecords(response.body)) yield { batchId: batch.id, record };
        } else {
          for (const record of parseQueryResult(await response.text())) yield { batchId: batch.id, record };
        }
      }
    }
  }
}
