/** Bulk job writes. Callers pass a team id taken from the membership, never from the request. */
import { getDb } from "../db";
import { AppError } from "../errors";
import type { ColumnMapping } from "../jobs";
import type { CreateBulkJobInput } from "./schema";
import { isQueryOperation } from "./schema";

export interface NewJobContext {
  teamId: string;
  userId: string | null;
  totalRows: number;
  fileName: string | null;
  parentJobId?: string;
}

export async function insertBulkJob(input: CreateBulkJobInput, context: NewJobContext): Promise<string> {
  const db = getDb();
  const query = isQueryOperation(input.operation);
  const job = await db.bulkJob.create({
    data: {
      teamId: context.teamId,
      createdById: context.userId,
      orgConnectionId: input.orgConnectionId,
      uploadId: query ? null : input.uploadId,
      parentJobId: context.parentJobId ?? null,
      object: input.object,
      operation: input.operation,
      api: input.api,
      externalIdField: input.operation === "upsert" ? input.externalIdField : null,
      concurrencyMode: input.concurrencyMode,
      batchSize: input.batchSize ?? null,
      pkChunking: input.pkChunking,
      pkChunkSize: input.pkChunkSize ?? null,
      columnMapping: (input.columnMapping as ColumnMapping | undefined) ?? undefined,
      soql: query ? input.soql : null,
      fileName: context.fileName,
      totalRows: context.totalRows,
    },
    select: { id: true },
  });
  await db.bulkJobEvent.create({
    data: {
      bulkJobId: job.id,
      actorId: context.userId,
      type: "created",
      message: context.parentJobId
        ? `Created to retry the failed and unprocessed rows of job ${context.parentJobId} (${context.totalRows} rows).`
        : `Created: ${input.operation} on ${input.object} through Bulk API ${input.api === "v1" ? "v1" : "2.0"}${query ? "" : ` (${context.totalRows} rows)`}.`,
    },
  });
  return job.id;
}

/**
 * Asks the runner to abort. A job nothing was sent for yet ends at once; otherwise the runner aborts
 * the Salesforce side, keeps what was already processed and stores the results.
 */
export async function requestAbort(teamId: string, jobId: string, userId: string | null): Promise<"aborting" | "aborted"> {
  const db = getDb();
  const job = await db.bulkJob.findFirst({ where: { id: jobId, teamId }, select: { state: true, sfJobId: true, _count: { select: { batches: true } } } });
  if (!job) throw new AppError("NOT_FOUND", "Job not found.");
  if (!["queued", "running", "paused"].includes(job.state)) {
    throw new AppError("CONFLICT", `The job is ${job.state}; only queued, running or paused jobs can be aborted.`);
  }
  const nothingSent = !job.sfJobId && job._count.batches === 0;
  const state = nothingSent ? "aborted" : "aborting";
  // Guarded by the state read above, so an abort never lands on a job that finished meanwhile.
  const { count } = await db.bulkJob.updateMany({
    where: { id: jobId, teamId, state: job.state, ...(nothingSent ? { leaseOwner: null } : {}) },
    data: nothingSent
      ? { state, finishedAt: new Date() }
      : { state, nextCheckAt: new Date() },
  });
  if (count !== 1) throw new AppError("CONFLICT", "The job changed meanwhile; reload and try again.");
  if (nothingSent) await db.$executeRaw`UPDATE bulk_jobs SET unprocessed_rows = total_rows WHERE id = ${jobId}`;
  await db.bulkJobEvent.create({
    data: { bulkJobId: jobId, actorId: userId, type: "abort_requested", message: nothingSent ? "Aborted before anything was sent to Salesforce." : "Abort requested." },
  });
  return state;
}

export interface AttachedJobInput {
  teamId: string;
  userId: string;
  orgConnectionId: string;
  sfJobId: string;
  api: "v1" | "v2";
  object: string;
  operation: "insert" | "update" | "upsert" | "delete" | "hardDelete" | "query" | "queryAll";
  externalIdField: string | null;
  concurrencyMode: "Parallel" | "Serial";
}

/**
 * A job made outside the app, watched like our own: running at once, nothing to submit. A Bulk 2.0 job
 * is recorded as its one "batch" row (as the runner records its own v2 jobs); v1 batches are found by polling.
 */
export async function insertAttachedJob(input: AttachedJobInput): Promise<string> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const job = await tx.bulkJob.create({
      data: {
        teamId: input.teamId,
        createdById: input.userId,
        orgConnectionId: input.orgConnectionId,
        object: input.object,
        operation: input.operation,
        api: input.api,
        externalIdField: input.externalIdField,
        concurrencyMode: input.concurrencyMode,
        origin: "attached",
        state: "running",
        startedAt: new Date(),
        sfJobId: input.sfJobId,
      },
      select: { id: true },
    });
    if (input.api === "v2") {
      await tx.salesforceBatch.create({ data: { bulkJobId: job.id, seq: 0, sfJobId: input.sfJobId, submitState: "submitted" } });
    }
    await tx.bulkJobEvent.create({
      data: {
        bulkJobId: job.id,
        actorId: input.userId,
        type: "attached",
        message: `Attached Salesforce ${input.api === "v1" ? "Bulk API v1" : "Bulk API 2.0"} job ${input.sfJobId} (${input.operation} on ${input.object}); it is watched, never changed.`,
      },
    });
    return job.id;
  });
}
