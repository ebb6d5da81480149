/** Request-facing reads: the membership decides the team; a job of another team is simply not found. */
import type { MembershipContext } from "../auth";
import { AppError } from "../errors";
import { queryResultLines, rowResultLines, toByteStream } from "../results/download";
import { getBulkJob, listBulkJobEvents, listBulkJobs } from "./data";
import { isQueryOperation, listBulkJobsSchema, resultKindSchema } from "./schema";

export function loadBulkJobs(ctx: MembershipContext, rawFilters: unknown) {
  return listBulkJobs(ctx.teamId, listBulkJobsSchema.parse(rawFilters));
}

export async function loadBulkJob(ctx: MembershipContext, jobId: string) {
  const job = await getBulkJob(ctx.teamId, jobId);
  if (!job) throw new AppError("NOT_FOUND", "Job not found.");
  const { upload, batches, ...rest } = job;
  return {
    ...rest,
    columns: (upload?.columns ?? []) as string[],
    // sfbulk's batch_status fields, one entry per v1 batch or v2 job.
    batches: batches
      .filter((b) => b.submitState !== "abandoned")
      .map((b) => ({
        id: b.sfBatchId ?? b.sfJobId,
        jobId: b.sfJobId,
        state: b.sfState ?? (b.submitState === "submitted" ? "Queued" : "Submitting"),
        stateMessage: b.stateMessage,
        numberRecordsProcessed: b.numberRecordsProcessed,
        numberRecordsFailed: b.numberRecordsFailed,
        createdDate: b.sfCreatedDate,
        systemModstamp: b.systemModstamp,
        totalProcessingTime: b.totalProcessingTime,
        apiActiveProcessingTime: b.apiActiveProcessingTime,
        apexProcessingTime: b.apexProcessingTime,
        firstRow: b.firstRow,
        rowCount: b.rowCount,
        successRows: b.successRows,
        failedRows: b.failedRows,
        unprocessedRows: b.unprocessedRows,
        resultsStored: b.resultsStoredAt !== null,
      })),
  };
}

export async function loadBulkJobEvents(ctx: MembershipContext, jobId: string) {
  if (!(await getBulkJob(ctx.teamId, jobId))) throw new AppError("NOT_FOUND", "Job not found.");
  return listBulkJobEvents(ctx.teamId, jobId);
}

export interface ResultDownload {
  fileName: string;
  body: ReadableStream<Uint8Array>;
}

/** `<object>-<operation>-<job>-<kind>.csv`, streamed whatever its size. */
export async function loadResultDownload(ctx: MembershipContext, jobId: string, rawKind: unknown): Promise<ResultDownload> {
  const kind = resultKindSchema.parse(rawKind);
  const job = await getBulkJob(ctx.teamId, jobId);
  if (!job) throw new AppError("NOT_FOUND", "Job not found.");
  const fileName = `${job.object}-${job.operation}-${job.id}-${kind === "query" ? "results" : kind}.csv`;
  if (isQueryOperation(job.operation)) {
    if (kind !== "query") throw new AppError("VALIDATION", "A query job has one download: its results.", { status: 400 });
    return { fileName, body: toByteStream(queryResultLines(job.id)) };
  }
  if (kind === "query") throw new AppError("VALIDATION", "Only query jobs have query results.", { status: 400 });
  const lines = rowResultLines({ uploadId: job.uploadId!, bulkJobId: job.id, columns: (job.upload?.columns ?? []) as string[] }, kind);
  return { fileName, body: toByteStream(lines) };
}
