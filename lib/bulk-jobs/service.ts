/** Job use cases for route handlers and server actions; each takes the caller's membership and checks the role itself. */
import type { RequestMeta } from "../audit";
import type { MembershipContext } from "../auth";
import { can } from "../auth";
import { AppError } from "../errors";
import { rowsWithOutcomes } from "../results/download";
import { createUploadFromRows } from "../uploads/mutations";
import { auditJob } from "./audit";
import { getBulkJob, getOrgConnectionForJob, getUploadForJob } from "./data";
import { insertBulkJob, requestAbort } from "./mutations";
import { createBulkJobSchema, isQueryOperation, type CreateBulkJobInput } from "./schema";

function requireRun(ctx: MembershipContext, operation: string): void {
  if (!can(ctx.role, "jobs.run")) throw new AppError("FORBIDDEN", "Running jobs needs the member role or higher.");
  if (operation === "hardDelete" && !can(ctx.role, "jobs.destructive-production")) {
    throw new AppError("FORBIDDEN", "hardDelete erases records without the recycle bin; only admins and owners may run it.");
  }
}

export async function createJob(ctx: MembershipContext, raw: unknown, meta?: RequestMeta): Promise<{ id: string }> {
  const input: CreateBulkJobInput = createBulkJobSchema.parse(raw);
  requireRun(ctx, input.operation);
  const connection = await getOrgConnectionForJob(ctx.teamId, input.orgConnectionId);
  if (!connection) throw new AppError("NOT_FOUND", "Org connection not found.");
  if (connection.status === "reconnect_required") throw new AppError("CONFLICT", "This org connection must be reconnected first.");
  let totalRows = 0;
  let fileName: string | null = null;
  if (!isQueryOperation(input.operation)) {
    const upload = await getUploadForJob(ctx.teamId, input.uploadId!);
    if (!upload) throw new AppError("NOT_FOUND", "Upload not found.");
    if (upload.state !== "complete") throw new AppError("CONFLICT", "The upload is not complete yet: send every part, then complete it.");
    const columns = upload.columns as string[];
    const unknown = Object.keys(input.columnMapping?.columns ?? {}).filter((c) => !columns.includes(c));
    if (unknown.length) throw new AppError("VALIDATION", `The mapping names columns the file does not have: ${unknown.join(", ")}.`);
    totalRows = upload.rowCount;
    fileName = upload.fileName;
  }
  const id = await insertBulkJob(input, { teamId: ctx.teamId, userId: ctx.user.id, totalRows, fileName });
  await auditJob(ctx, "job.created", id, { object: input.object, operation: input.operation, api: input.api, rows: totalRows, fileName }, meta);
  return { id };
}

export async function abortJob(ctx: MembershipContext, jobId: string, meta?: RequestMeta): Promise<{ state: "aborting" | "aborted" }> {
  if (!can(ctx.role, "jobs.abort")) throw new AppError("FORBIDDEN", "Aborting jobs needs the member role or higher.");
  const state = await requestAbort(ctx.teamId, jobId, ctx.user.id);
  await auditJob(ctx, "job.aborted", jobId, { state }, meta);
  return { state };
}

/** A child job from exactly the parent's failed and unprocessed rows (whole original rows); successes are never resent. */
export async function retryFailedRows(ctx: MembershipContext, jobId: string, meta?: RequestMeta): Promise<{ id: string; rows: number }> {
  const parent = await getBulkJob(ctx.teamId, jobId);
  if (!parent) throw new AppError("NOT_FOUND", "Job not found.");
  requireRun(ctx, parent.operation);
  if (isQueryOperation(parent.operation) || !parent.uploadId || !parent.upload) throw new AppError("CONFLICT", "Only data-loading jobs have rows to retry.");
  if (!["completed", "failed", "aborted"].includes(parent.state)) throw new AppError("CONFLICT", "Wait until the job has finished.");
  if (!parent.orgConnectionId) throw new AppError("CONFLICT", "The job's org connection was removed.");
  const uploadId = parent.uploadId;
  async function* failedRows() {
    for await (const { values, outcome } of rowsWithOutcomes(uploadId, parent!.id)) {
      if (outcome?.status !== "s") yield values;
    }
  }
  const columns = parent.upload.columns as string[];
  const baseName = (parent.fileName ?? `${parent.object}.csv`).replace(/\.csv$/i, "");
  const upload = await createUploadFromRows(ctx.teamId, ctx.user.id, `${baseName}-retry.csv`, columns, failedRows());
  if (upload.rowCount === 0) throw new AppError("CONFLICT", "Every row succeeded; there is nothing to retry.");
  const input = createBulkJobSchema.parse({
    orgConnectionId: parent.orgConnectionId,
    object: parent.object,
    operation: parent.operation,
    api: parent.api,
    uploadId: upload.id,
    externalIdField: parent.externalIdField ?? undefined,
    concurrencyMode: parent.concurrencyMode,
    batchSize: parent.batchSize ?? undefined,
    columnMapping: parent.columnMapping ?? undefined,
  });
  const id = await insertBulkJob(input, { teamId: ctx.teamId, userId: ctx.user.id, totalRows: upload.rowCount, fileName: upload.fileName, parentJobId: parent.id });
  await auditJob(ctx, "job.retried", id, { parentJobId: parent.id, object: parent.object, operation: parent.operation, rows: upload.rowCount }, meta);
  return { id, rows: upload.rowCount };
}
