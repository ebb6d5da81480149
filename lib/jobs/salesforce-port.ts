/**
 * BulkPort over the project's Salesforce client (`lib/salesforce`): its transport retries reads and never
 * creates, its connection refreshes an expired session once and replays. Here its errors become the
 * runner's four kinds.
 */
import { BulkV1Api, BulkV2Api, SalesforceApiError, type BatchInfo, type Connection, type V2JobInfo } from "../salesforce";
import { BulkCallError, type BatchStatus, type BulkPort, type V2JobStatus } from "./bulk-port";

const LIMIT_CODES = new Set(["REQUEST_LIMIT_EXCEEDED", "ExceededQuota", "TooManyRequests"]);

function toBulkCallError(error: unknown): unknown {
  if (error instanceof SalesforceApiError) {
    const kind = error.isSessionError ? "session" : LIMIT_CODES.has(error.errorCode) ? "limit" : error.retryable ? "transient" : "fatal";
    return new BulkCallError(kind, error.errorCode, error.status, error.message);
  }
  // A body cut off mid-read surfaces from fetch as a TypeError ("terminated"): the connection dropped.
  if (error instanceof TypeError) return new BulkCallError("transient", "CONNECTION", 0, `The connection dropped: ${error.message}`);
  return error;
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toBulkCallError(error);
  }
}

async function text(response: Promise<Response>): Promise<string> {
  return (await response).text();
}

const fromBatch = (info: BatchInfo): BatchStatus => ({ ...info, stateMessage: info.stateMessage });

function fromV2(info: V2JobInfo): V2JobStatus {
  return {
    id: info.id,
    jobId: info.id,
    state: info.state,
    stateMessage: info.errorMessage,
    errorMessage: info.errorMessage,
    numberRecordsProcessed: info.numberRecordsProcessed ?? 0,
    numberRecordsFailed: info.numberRecordsFailed ?? 0,
    totalProcessingTime: info.totalProcessingTime ?? 0,
    apiActiveProcessingTime: info.apiActiveProcessingTime ?? 0,
    apexProcessingTime: info.apexProcessingTime ?? 0,
    retries: info.retries ?? 0,
    createdDate: info.createdDate,
    systemModstamp: info.systemModstamp,
  };
}

export function createSalesforcePort(connection: Connection): BulkPort {
  const v1 = new BulkV1Api(connection);
  const v2 = new BulkV2Api(connection);
  return {
    apiUsage: () => connection.lastLimitInfo,
    v1CreateJob: (spec) =>
      call(async () => {
        const job = await v1.createJob(spec.operation as Parameters<BulkV1Api["createJob"]>[0], spec.object, {
          externalIdFieldName: spec.externalIdField ?? undefined,
          concurrencyMode: spec.concurrencyMode,
          contentType: "CSV",
          pkChunking: spec.pkChunking,
        });
        return { id: job.id };
      }),
    v1GetJob: (jobId) =>
      call(async () => {
        const info = await v1.getJob(jobId);
        return { state: info.state, contentType: info.contentType };
      }),
    v1BatchResults: (jobId, batchId) => call(() => v1.getBatchResult(jobId, batchId)),
    v1CloseJob: (jobId) => call(async () => void (await v1.closeJob(jobId))),
    v1AbortJob: (jobId) => call(async () => void (await v1.abortJob(jobId))),
    v1CreateBatch: (jobId, body) => call(async () => fromBatch(await v1.createBatch(jobId, body))),
    v1ListBatches: (jobId) => call(async () => (await v1.listBatches(jobId)).map(fromBatch)),
    v1BatchResult: (jobId, batchId) => call(() => v1.getBatchResultText(jobId, batchId)),
    v1QueryResultIds: (jobId, batchId) => call(() => v1.getQueryResultIds(jobId, batchId)),
    v1QueryResult: (jobId, batchId, resultId) => call(() => text(v1.getQueryResult(jobId, batchId, resultId))),
    v2CreateIngestJob: (spec) =>
      call(async () => {
        const job = await v2.createIngestJob({
          object: spec.object,
          operation: spec.operation as Parameters<BulkV2Api["createIngestJob"]>[0]["operation"],
          externalIdFieldName: spec.externalIdField ?? undefined,
          lineEnding: "LF",
        });
        return { id: job.id };
      }),
    v2Upload: (jobId, csv) => call(() => v2.uploadJobData(jobId, csv)),
    v2SetState: (kind, jobId, state) =>
      call(async () => void (await (state === "Aborted" ? v2.abortJob(kind, jobId) : v2.closeIngestJob(jobId)))),
    v2GetJob: (kind, jobId) => call(async () => fromV2(await v2.getJob(kind, jobId))),
    v2IngestResults: (jobId, set) => call(() => text(v2.getIngestResults(jobId, set))),
    v2CreateQueryJob: (operation, soql) => call(async () => ({ id: (await v2.createQueryJob(soql, { operation, lineEnding: "LF" })).id })),
    v2QueryResults: (jobId, locator) => call(() => v2.getQueryResultsPage(jobId, locator)),
  };
}
