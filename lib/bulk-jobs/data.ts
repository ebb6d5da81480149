/** Bulk job reads, always scoped by the caller's team. */
import { getDb } from "../db";
import type { ListBulkJobsInput } from "./schema";

const JOB_FIELDS = {
  id: true,
  teamId: true,
  orgConnectionId: true,
  createdById: true,
  uploadId: true,
  parentJobId: true,
  object: true,
  operation: true,
  api: true,
  externalIdField: true,
  concurrencyMode: true,
  batchSize: true,
  pkChunking: true,
  pkChunkSize: true,
  columnMapping: true,
  soql: true,
  fileName: true,
  origin: true,
  state: true,
  stateMessage: true,
  sfJobId: true,
  sfJobState: true,
  totalRows: true,
  submittedRows: true,
  processedRows: true,
  failedRows: true,
  unprocessedRows: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

const BATCH_FIELDS = {
  id: true,
  seq: true,
  sfJobId: true,
  sfBatchId: true,
  submitState: true,
  sfState: true,
  stateMessage: true,
  firstRow: true,
  rowCount: true,
  numberRecordsProcessed: true,
  numberRecordsFailed: true,
  totalProcessingTime: true,
  apiActiveProcessingTime: true,
  apexProcessingTime: true,
  retries: true,
  sfCreatedDate: true,
  systemModstamp: true,
  successRows: true,
  failedRows: true,
  unprocessedRows: true,
  resultsStoredAt: true,
} as const;

export function getBulkJob(teamId: string, jobId: string) {
  return getDb().bulkJob.findFirst({
    where: { id: jobId, teamId },
    select: {
      ...JOB_FIELDS,
      batches: { select: BATCH_FIELDS, orderBy: { seq: "asc" } },
      retries: { select: { id: true, state: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      upload: { select: { columns: true, fileName: true } },
    },
  });
}

/** Cursor = `<createdAt ISO>_<id>`: paging walks the (team_id, created_at, id) index, as fast on page 2,000 as on page 1. */
const encodeCursor = (job: { createdAt: Date; id: string }) => `${job.createdAt.toISOString()}_${job.id}`;
function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const at = cursor.indexOf("_");
  const createdAt = new Date(cursor.slice(0, at));
  return at > 0 && !Number.isNaN(createdAt.getTime()) ? { createdAt, id: cursor.slice(at + 1) } : null;
}

/** A search term that names a job (ours or Salesforce's) answers from the indexes; otherwise it matches file names. */
async function searchCondition(teamId: string, search: string | undefined) {
  if (!search) return {};
  const exact = await getDb().bulkJob.findMany({ where: { teamId, OR: [{ id: search }, { sfJobId: search }] }, select: { id: true }, take: 10 });
  if (exact.length) return { id: { in: exact.map((job) => job.id) } };
  return { fileName: { contains: search, mode: "insensitive" as const } };
}

export async function listBulkJobs(teamId: string, filters: ListBulkJobsInput) {
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  const search = await searchCondition(teamId, filters.search);
  // The plain `created_at <= cursor` bound lets Postgres start the index scan at the cursor; the OR only breaks ties.
  const before = cursor && (!filters.createdBefore || cursor.createdAt < filters.createdBefore) ? cursor.createdAt : filters.createdBefore;
  const rows = await getDb().bulkJob.findMany({
    where: {
      teamId,
      orgConnectionId: filters.orgConnectionId,
      object: filters.object ? { equals: filters.object, mode: "insensitive" } : undefined,
      operation: filters.operation,
      state: filters.state,
      createdById: filters.createdById,
      createdAt: { gte: filters.createdAfter, lte: before },
      ...search,
      ...(cursor
        ? { AND: [{ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] }
        : {}),
    },
    select: JOB_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filters.limit + 1,
  });
  const page = rows.slice(0, filters.limit);
  return { jobs: page, nextCursor: rows.length > filters.limit ? encodeCursor(page[page.length - 1]) : null };
}

export function listBulkJobEvents(teamId: string, jobId: string, limit = 500) {
  return getDb().bulkJobEvent.findMany({
    where: { bulkJobId: jobId, bulkJob: { teamId } },
    select: { id: true, type: true, message: true, details: true, actorId: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

export function getOrgConnectionForJob(teamId: string, orgConnectionId: string) {
  return getDb().orgConnection.findFirst({ where: { id: orgConnectionId, teamId }, select: { id: true, isSandbox: true, status: true } });
}

export function getUploadForJob(teamId: string, uploadId: string) {
  return getDb().upload.findFirst({ where: { id: uploadId, teamId }, select: { id: true, state: true, rowCount: true, fileName: true, columns: true } });
}

/** Which of these Salesforce job ids this team already watches (its own jobs or attached ones): sfJobId → our job id. */
export async function findWatchedSfJobs(teamId: string, sfJobIds: string[]): Promise<Map<string, string>> {
  if (sfJobIds.length === 0) return new Map();
  const [jobs, batches] = await Promise.all([
    getDb().bulkJob.findMany({ where: { teamId, sfJobId: { in: sfJobIds } }, select: { id: true, sfJobId: true } }),
    getDb().salesforceBatch.findMany({ where: { sfJobId: { in: sfJobIds }, bulkJob: { teamId } }, select: { bulkJobId: true, sfJobId: true } }),
  ]);
  const watched = new Map<string, string>();
  for (const batch of batches) if (batch.sfJobId) watched.set(batch.sfJobId, batch.bulkJobId);
  for (const job of jobs) if (job.sfJobId) watched.set(job.sfJobId, job.id);
  return watched;
}
