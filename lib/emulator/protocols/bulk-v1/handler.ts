/** Bulk API v1 (`/services/async/{ver}/…`) routing and error rendering. */
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import { authenticate } from "../auth/authenticate";
import { normalizeVersion } from "../common/format";
import { addBatch, getBatch, getBatchRequest, getBatchResult, getBatches, getQueryResult } from "./batches";
import { createJob, renderJob, requireJob, updateJobState } from "./jobs";
import { errorBody, v1ContentType, type V1Format } from "./serialize";

/** Without a job to go by, Salesforce answers in the request's format, defaulting to XML. */
function requestFormat(req: EmulatorRequest): V1Format {
  const type = `${req.header("content-type") ?? ""} ${req.header("accept") ?? ""}`;
  return /application\/json/i.test(type) && !/xml/i.test(req.header("content-type") ?? "") ? "json" : "xml";
}

export function renderV1Error(ctx: EmulatorContext, req: EmulatorRequest, error: ApiError): EmulatorResponse {
  const format = requestFormat(req);
  return {
    status: error.status,
    headers: { "Content-Type": v1ContentType(format, ctx.config.v1Charset) },
    body: errorBody(error.code, error.message, format),
  };
}

function methodNotAllowed(req: EmulatorRequest): never {
  throw new ApiError(405, "InvalidUrl", `HTTP method ${req.method} is not allowed for ${req.path}`);
}

export async function handleBulkV1(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  // services / async / {ver} / job / {jobId} / batch / {batchId} / (request | result / {resultId})
  const [, , rawVersion, resource, jobId, sub, batchId, leaf, resultId, ...extra] = req.segments;
  const version = rawVersion ? normalizeVersion(rawVersion) : null;
  if (!version || Number(version) < Math.max(ctx.config.minApiVersion, 16) || Number(version) > ctx.config.maxApiVersion) {
    throw new ApiError(400, "InvalidVersion", `Invalid Api version specified on URL: ${rawVersion ?? ""}`);
  }
  const session = await authenticate(ctx, req, "v1");
  if (resource !== "job" || extra.length > 0) {
    throw new ApiError(400, "InvalidUrl", "The operation specified in a URI for a job is invalid. Check the spelling of 'job' in the URI.");
  }
  const method = req.method;
  if (jobId === undefined) return method === "POST" ? createJob(ctx, req, session, version) : methodNotAllowed(req);
  if (sub === undefined) {
    if (method === "GET") return renderJob(ctx, await requireJob(ctx, session, jobId));
    if (method === "POST") return updateJobState(ctx, req, session, jobId);
    return methodNotAllowed(req);
  }
  if (sub === "spec" && batchId === undefined) {
    if (method !== "POST") methodNotAllowed(req);
    await requireJob(ctx, session, jobId);
    await req.body(1024 * 1024);
    return { status: 201, headers: {} };
  }
  if (sub !== "batch") throw new ApiError(400, "InvalidUrl", `Unknown resource: ${sub}`);
  if (batchId === undefined) {
    if (method === "POST") return addBatch(ctx, req, session, jobId);
    if (method === "GET") return getBatches(ctx, session, jobId);
    return methodNotAllowed(req);
  }
  if (method !== "GET") methodNotAllowed(req);
  if (leaf === undefined) return getBatch(ctx, session, jobId, batchId);
  if (leaf === "request" && resultId === undefined) return getBatchRequest(ctx, session, jobId, batchId);
  if (leaf === "result") {
    return resultId === undefined
      ? getBatchResult(ctx, session, jobId, batchId)
      : getQueryResult(ctx, session, jobId, batchId, resultId);
  }
  throw new ApiError(400, "InvalidUrl", `Unknown resource: ${leaf}`);
}
