/** Bulk 2.0 job lifecycle: info, upload, state changes, delete and paged listing. */
import { normalizeId } from "../../org";
import type { EmulatorContext } from "../../http/context";
import { ApiError, BodyTooLargeError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import type { Session } from "../auth/sessions";
import { findJob, storeData, transitionJob, v1Counters, type JobRow } from "../common/jobs";
import { deleteResults } from "../common/results";
import { v2Json, v2JobObject } from "./serialize";

const UPLOAD_LIMIT = 150 * 1024 * 1024;
const LIST_PAGE = 1000;

export const NOT_FOUND = new ApiError(404, "NOT_FOUND", "The requested resource does not exist");

export async function requireV2Job(ctx: EmulatorContext, session: Session, jobId: string, kind: "v2ingest" | "v2query"): Promise<JobRow> {
  const id = jobId.startsWith("750") ? normalizeId(jobId) : null;
  const job = id ? await findJob(ctx.pool, session.orgId, id) : undefined;
  if (!job || job.kind !== kind) throw NOT_FOUND;
  return job;
}

export async function jobInfo(ctx: EmulatorContext, job: JobRow): Promise<EmulatorResponse> {
  const live = job.kind === "v2ingest" && job.state === "InProgress" ? await v1Counters(ctx.pool, job.id) : undefined;
  return v2Json(v2JobObject(job, "info", live));
}

export async function uploadData(ctx: EmulatorContext, req: EmulatorRequest, job: JobRow): Promise<EmulatorResponse> {
  if (job.uploadBytes !== null) {
    throw new ApiError(
      400,
      "BULK_API_ERROR",
      `Found multipe contents for job: <${job.id.slice(0, 15)}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
    );
  }
  if (job.state !== "Open") throw new ApiError(400, "INVALIDJOBSTATE", `Job ${job.id} is not Open (state: ${job.state}); data can only be uploaded to an Open job`);
  let body: Buffer;
  try {
    body = await req.body(UPLOAD_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new ApiError(400, "BULK_API_ERROR", "Upload exceeds the maximum size of 150 MB (base64 encoded) per job; split the data into several jobs");
    }
    throw error;
  }
  // Record the upload and its size together so a second PUT is refused even while the first is stored.
  const { rowCount } = await ctx.pool.query(
    "UPDATE emulator.bulk_jobs SET upload_bytes = $2, system_modstamp = now() WHERE id = $1 AND upload_bytes IS NULL AND state = 'Open'",
    [job.id, body.length],
  );
  if (!rowCount) return uploadData(ctx, req, { ...job, uploadBytes: body.length });
  await storeData(ctx.pool, job.id, "CSV", body);
  return { status: 201, headers: {} };
}

function parseState(text: string): string {
  try {
    const value = JSON.parse(text) as { state?: unknown };
    if (typeof value.state === "string") return value.state;
  } catch {
    throw new ApiError(400, "JSON_PARSER_ERROR", "Unexpected input: the request body must be a JSON object");
  }
  throw new ApiError(400, "API_ERROR", "Invalid value: '' supplied for property: 'state'");
}

export async function patchJob(ctx: EmulatorContext, req: EmulatorRequest, job: JobRow): Promise<EmulatorResponse> {
  const state = parseState(await req.text(64 * 1024));
  if (state === "UploadComplete") {
    if (job.kind !== "v2ingest") throw new ApiError(400, "API_ERROR", "Invalid value: 'UploadComplete' supplied for property: 'state'");
    const updated = await transitionJob(ctx.pool, job.id, ["Open"], "UploadComplete", {
      notBeforeMs: ctx.config.processing.latencyMs + ctx.faults.slowBatchMs,
    });
    if (!updated) throw new ApiError(400, "INVALIDJOBSTATE", `Job ${job.id} is not Open (state: ${job.state})`);
    ctx.kick();
    return v2Json(v2JobObject(updated, "short"));
  }
  if (state === "Aborted") {
    const updated = await transitionJob(ctx.pool, job.id, ["Open", "UploadComplete", "InProgress"], "Aborted");
    if (!updated) {
      const label = job.state === "JobComplete" ? "Completed" : job.state;
      throw new ApiError(400, "INVALIDJOBSTATE", `Aborting already ${label} Job not allowed`);
    }
    await ctx.pool.query(
      "UPDATE emulator.bulk_batches SET state = 'NotProcessed', system_modstamp = now() WHERE job_id = $1 AND state = 'Queued'",
      [job.id],
    );
    return v2Json(v2JobObject(updated, "short"));
  }
  throw new ApiError(400, "API_ERROR", `Invalid value: '${state}' supplied for property: 'state'`);
}

export async function deleteJob(ctx: EmulatorContext, job: JobRow): Promise<EmulatorResponse> {
  const deletable = job.kind === "v2query" ? ["JobComplete", "Aborted", "Failed"] : ["UploadComplete", "JobComplete", "Aborted", "Failed"];
  if (!deletable.includes(job.state)) {
    throw new ApiError(400, "API_ERROR", "Error encountered when deleting the job because the job is not terminated");
  }
  await ctx.pool.query("UPDATE emulator.bulk_jobs SET deleted = true, system_modstamp = now() WHERE id = $1", [job.id]);
  await ctx.pool.query(
    "UPDATE emulator.bulk_batches SET state = 'NotProcessed' WHERE job_id = $1 AND state = 'Queued'",
    [job.id],
  );
  await deleteResults(ctx.pool, job.id);
  return { status: 204, headers: {} };
}

/** `GET /jobs/ingest|query`: pages of 1,000 with `queryLocator` (the next offset) in nextRecordsUrl. */
export async function listJobs(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  session: Session,
  version: string,
  area: "ingest" | "query",
): Promise<EmulatorResponse> {
  const typeFilter = req.query.get("jobType");
  const kinds = area === "ingest" ? ["v1", "v2ingest"] : ["v1", "v2query", "v2ingest"];
  const wanted = typeFilter
    ? kinds.filter((kind) => ({ v1: "Classic", v2ingest: "V2Ingest", v2query: "V2Query" })[kind] === typeFilter)
    : area === "ingest" ? ["v1", "v2ingest"] : ["v2query"];
  const offset = Math.max(0, Number(req.query.get("queryLocator")?.split("-").pop() ?? 0) || 0);
  const { rows } = await ctx.pool.query<{ id: string }>(
    `SELECT id FROM emulator.bulk_jobs WHERE org_id = $1 AND kind = ANY($2::text[]) AND NOT deleted
       AND ($3::text IS NULL OR concurrency_mode = $3)
     ORDER BY created_at, id OFFSET $4 LIMIT $5`,
    [session.orgId, wanted, req.query.get("concurrencyMode"), offset, LIST_PAGE + 1],
  );
  const jobs: Record<string, unknown>[] = [];
  for (const row of rows.slice(0, LIST_PAGE)) {
    const job = await findJob(ctx.pool, session.orgId, row.id);
    if (job) jobs.push(v2JobObject(job, "list"));
  }
  const more = rows.length > LIST_PAGE;
  return v2Json({
    done: !more,
    records: jobs,
    nextRecordsUrl: more ? `/services/data/v${version}/jobs/${area}?queryLocator=${offset + LIST_PAGE}` : null,
  });
}
