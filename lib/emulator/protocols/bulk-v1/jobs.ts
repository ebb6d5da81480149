/** Bulk v1 job resources: create, get, close, abort. */
import { generateId, normalizeId } from "../../org";
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import type { Session } from "../auth/sessions";
import { findJob, insertJob, transitionJob, v1Counters, type JobRow } from "../common/jobs";
import { parseJobBody, parsePkChunking, validateJobCreate, validateStateChange } from "./parse-job";
import { jobInfoJson, jobInfoXml, v1ContentType, type V1Format } from "./serialize";

const JOB_BODY_LIMIT = 1024 * 1024;

export function jobFormat(job: JobRow): V1Format {
  return job.contentType === "JSON" ? "json" : "xml";
}

export async function renderJob(ctx: EmulatorContext, job: JobRow, status = 200): Promise<EmulatorResponse> {
  const counters = await v1Counters(ctx.pool, job.id);
  const format = jobFormat(job);
  return {
    status,
    headers: { "Content-Type": v1ContentType(format, ctx.config.v1Charset) },
    body: format === "json" ? jobInfoJson(job, counters) : jobInfoXml(job, counters),
  };
}

export async function requireJob(ctx: EmulatorContext, session: Session, jobId: string): Promise<JobRow> {
  const id = jobId.startsWith("750") ? normalizeId(jobId) : null;
  const job = id ? await findJob(ctx.pool, session.orgId, id) : undefined;
  if (!job || job.kind !== "v1") throw new ApiError(400, "InvalidJob", `Invalid job id: ${jobId}`);
  return job;
}

export async function createJob(ctx: EmulatorContext, req: EmulatorRequest, session: Session, version: string): Promise<EmulatorResponse> {
  const input = validateJobCreate(parseJobBody(await req.text(JOB_BODY_LIMIT)));
  const object = ctx.store.resolveObjectName(input.object);
  if (!object) throw new ApiError(400, "InvalidJob", `Unable to find object: ${input.object}`);
  const isQuery = input.operation === "query" || input.operation === "queryAll";
  const pkChunking = parsePkChunking(req.header("sforce-enable-pkchunking"));
  if (pkChunking && !isQuery) throw new ApiError(400, "InvalidJob", "PK chunking is only supported for query jobs");
  const job = await insertJob(ctx.pool, {
    id: await generateId(ctx.pool, "750"),
    orgId: session.orgId,
    createdBy: session.userId,
    kind: "v1",
    operation: input.operation,
    object,
    externalIdField: input.externalIdFieldName ?? null,
    assignmentRuleId: input.assignmentRuleId ?? null,
    concurrencyMode: input.concurrencyMode,
    contentType: input.contentType,
    apiVersion: version,
    state: "Open",
    pkChunking,
  });
  return renderJob(ctx, job, 201);
}

export async function updateJobState(ctx: EmulatorContext, req: EmulatorRequest, session: Session, jobId: string): Promise<EmulatorResponse> {
  const job = await requireJob(ctx, session, jobId);
  const target = validateStateChange(parseJobBody(await req.text(JOB_BODY_LIMIT)), job.id);
  if (target === "Closed") {
    if (job.state === "Closed") return renderJob(ctx, job);
    if (job.state !== "Open") throw new ApiError(400, "InvalidJobState", `Job ${job.id} is ${job.state.toLowerCase()} and cannot be closed`);
    if (job.createdBy !== session.userId) throw new ApiError(400, "InvalidUser", "Only the user who created a job can close it");
  } else if (job.state === "Aborted") {
    return renderJob(ctx, job);
  } else if (job.state !== "Open" && job.state !== "Closed") {
    throw new ApiError(400, "InvalidJobState", `Job ${job.id} is ${job.state.toLowerCase()} and cannot be aborted`);
  }
  const updated = await transitionJob(ctx.pool, job.id, ["Open", "Closed"], target);
  if (!updated) throw new ApiError(400, "InvalidJobState", `Job ${job.id} changed state concurrently; retry`);
  if (target === "Aborted") {
    // Queued batches never run; in-flight ones finish; nothing is rolled back.
    await ctx.pool.query(
      "UPDATE emulator.bulk_batches SET state = 'NotProcessed', system_modstamp = now() WHERE job_id = $1 AND state = 'Queued'",
      [job.id],
    );
  }
  return renderJob(ctx, updated);
}
