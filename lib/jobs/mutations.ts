/**
 * Runner writes. Every write made while a step runs is fenced by the lease: if another runner took the
 * job over (this one stalled past its lease), the write matches no row and the step stops.
 */
import type { BulkJobState, Prisma } from "../generated/prisma/client";
import { getDb } from "../db";

export type JobPatch = Prisma.BulkJobUpdateManyMutationInput;
export type BatchPatch = Prisma.SalesforceBatchUpdateInput;
export type EventDetails = Prisma.InputJsonValue;

export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Lost the lease on job ${jobId}; another runner owns it now.`);
    this.name = "LeaseLostError";
  }
}

const CLAIMABLE = ["queued", "running", "paused", "aborting"];

/** Claims up to `limit` due jobs nobody holds, with SKIP LOCKED so racing runners never take the same one. */
export async function claimDueJobs(owner: string, leaseMs: number, limit: number): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    UPDATE bulk_jobs SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseMs / 1000}), updated_at = now()
    WHERE id IN (
      SELECT id FROM bulk_jobs
      WHERE state::text = ANY(${CLAIMABLE}) AND next_check_at <= now() AND (lease_until IS NULL OR lease_until < now())
      ORDER BY next_check_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows.map((r) => r.id);
}

/** Extends the lease and proves this runner still holds it; call before every Salesforce create. */
export async function fence(jobId: string, owner: string, leaseMs: number): Promise<void> {
  const { count } = await getDb().bulkJob.updateMany({
    where: { id: jobId, leaseOwner: owner },
    data: { leaseUntil: new Date(Date.now() + leaseMs) },
  });
  if (count !== 1) throw new LeaseLostError(jobId);
}

/** `expectedState` guards a transition, so an abort requested meanwhile is never overwritten. */
export async function updateJobFenced(jobId: string, owner: string, data: JobPatch, expectedState?: BulkJobState): Promise<void> {
  const { count } = await getDb().bulkJob.updateMany({ where: { id: jobId, leaseOwner: owner, ...(expectedState ? { state: expectedState } : {}) }, data });
  if (count !== 1) throw new LeaseLostError(jobId);
}

export async function releaseJob(jobId: string, owner: string, nextCheckAt: Date): Promise<void> {
  await getDb().bulkJob.updateMany({
    where: { id: jobId, leaseOwner: owner },
    data: { leaseOwner: null, leaseUntil: null, nextCheckAt },
  });
}

/** Drops every lease (a crashed process's jobs become claimable at once); used at start-up and in tests. */
export async function dropAllLeases(): Promise<number> {
  const { count } = await getDb().bulkJob.updateMany({ where: { leaseOwner: { not: null } }, data: { leaseOwner: null, leaseUntil: null } });
  return count;
}

export async function createBatchIntent(data: { bulkJobId: string; seq: number; firstRow: number; rowCount: number; byteSize: number; sfJobId?: string | null }) {
  return getDb().salesforceBatch.create({ data: { ...data, submitState: "intent" } });
}

/** A batch Salesforce created on its own (the chunks of a PK-chunked query). */
export async function createObservedBatch(data: { bulkJobId: string; seq: number; sfJobId: string; sfBatchId: string }) {
  return getDb().salesforceBatch.create({ data: { ...data, submitState: "submitted" } });
}

export async function updateBatch(batchId: string, data: BatchPatch) {
  return getDb().salesforceBatch.update({ where: { id: batchId }, data });
}

export async function addJobEvent(bulkJobId: string, type: string, message: string, details?: EventDetails, actorId?: string | null) {
  await getDb().bulkJobEvent.create({ data: { bulkJobId, type, message, details, actorId: actorId ?? null } });
}

/** Recomputes the job's counters from its batches' outcome counts. */
export async function refreshJobCounts(jobId: string): Promise<{ processed: number; failed: number; unprocessed: number }> {
  const db = getDb();
  const [job, sums] = await Promise.all([
    db.bulkJob.findUniqueOrThrow({ where: { id: jobId }, select: { totalRows: true } }),
    db.salesforceBatch.aggregate({
      where: { bulkJobId: jobId, submitState: { not: "abandoned" } },
      _sum: { successRows: true, failedRows: true, rowCount: true },
    }),
  ]);
  const success = sums._sum.successRows ?? 0;
  const failed = sums._sum.failedRows ?? 0;
  const processed = success + failed;
  const unprocessed = Math.max(0, job.totalRows - processed);
  await db.bulkJob.update({ where: { id: jobId }, data: { processedRows: processed, failedRows: failed, unprocessedRows: unprocessed } });
  return { processed, failed, unprocessed };
}
