/** Request-facing reads: the membership decides the team; a job of another team is simply not found. */
import type { RequestMeta } from "../audit";
import type { MembershipContext } from "../auth";
import { AppError } from "../errors";
import { z } from "zod";
import { attachedResultLines } from "../results/attached-download";
import { queryResultLines, rowResultLines, toByteStream } from "../results/download";
import { partCount, queryResultPartLines } from "../results/split";
import { auditJob } from "./audit";
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
        retries: b.retries,
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

const splitSchema = z.object({
  rowsPerFile: z.coerce.number().int().min(1).max(10_000_000),
  part: z.coerce.number().int().min(1),
});

/**
 * `<object>-<operation>-<job>-<kind>.csv`, streamed whatever its size. Query results can come cut into
 * files of `rowsPerFile` rows (`split`), one part at a time, each with the header.
 */
export async function loadResultDownload(
  ctx: MembershipContext,
  jobId: string,
  rawKind: unknown,
  meta?: RequestMeta,
  rawSplit?: { rowsPerFile?: string | null; part?: string | null },
): Promise<ResultDownload> {
  const kind = resultKindSchema.parse(rawKind);
  const job = await getBulkJob(ctx.teamId, jobId);
  if (!job) throw new AppError("NOT_FOUND", "Job not found.");
  if (isQueryOperation(job.operation) !== (kind === "query")) {
    const message = kind === "query" ? "Only query jobs have query results." : "A query job has one download: its results.";
    throw new AppError("VALIDATION", message, { status: 400 });
  }
  const base = `${job.object}-${job.operation}-${job.id}-${kind === "query" ? "results" : kind}`;
  if (kind === "query" && (rawSplit?.rowsPerFile || rawSplit?.part)) {
    const split = splitSchema.parse(rawSplit);
    const parts = partCount(job.processedRows, split.rowsPerFile);
    if (split.part > parts) throw new AppError("NOT_FOUND", `There are ${parts} part(s) of ${split.rowsPerFile} rows; part ${split.part} does not exist.`);
    const fileName = `${base}-part${split.part}of${parts}.csv`;
    await auditJob(ctx, "job.downloaded", job.id, { kind, fileName }, meta);
    return { fileName, body: toByteStream(queryResultPartLines(job.id, split.rowsPerFile, split.part)) };
  }
  const fileName = `${base}.csv`;
  await auditJob(ctx, "job.downloaded", job.id, { kind, fileName }, meta);
  if (kind === "query") return { fileName, body: toByteStream(queryResultLines(job.id)) };
  if (job.origin === "attached") return { fileName, body: toByteStream(attachedResultLines(job.id, job.api, kind)) };
  const lines = rowResultLines({ uploadId: job.uploadId!, bulkJobId: job.id, columns: (job.upload?.columns ?? []) as string[] }, kind);
  return { fileName, body: toByteStream(lines) };
}
