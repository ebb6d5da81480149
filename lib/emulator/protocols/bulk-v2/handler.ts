/** Bulk API 2.0 routing under `/services/data/v{ver}/jobs/{ingest|query}`. */
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import type { Session } from "../auth/sessions";
import { createIngestJob, createQueryJob } from "./create";
import { deleteJob, jobInfo, listJobs, NOT_FOUND, patchJob, requireV2Job, uploadData } from "./jobs";
import { ingestResults, queryResultPages, queryResults } from "./results";

const INGEST_RESULTS = ["successfulresults", "failedresults", "unprocessedrecords"];

function notAllowed(req: EmulatorRequest, allowed: string): never {
  throw new ApiError(405, "METHOD_NOT_ALLOWED", `HTTP Method '${req.method}' not allowed. Allowed are ${allowed}`);
}

export async function handleBulkV2(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  session: Session,
  version: string,
  segments: string[],
): Promise<EmulatorResponse> {
  const [area, jobId, leaf, ...extra] = segments;
  if ((area !== "ingest" && area !== "query") || extra.length) throw NOT_FOUND;
  if (Number(version) < (area === "ingest" ? 41 : 47)) throw NOT_FOUND;
  const method = req.method;
  if (jobId === undefined) {
    if (method === "POST") return area === "ingest" ? createIngestJob(ctx, req, session, version) : createQueryJob(ctx, req, session, version);
    if (method === "GET") return listJobs(ctx, req, session, version, area);
    return notAllowed(req, "GET,POST");
  }
  const job = await requireV2Job(ctx, session, jobId, area === "ingest" ? "v2ingest" : "v2query");
  if (leaf === undefined) {
    if (method === "GET") return jobInfo(ctx, job);
    if (method === "PATCH") return patchJob(ctx, req, job);
    if (method === "DELETE") return deleteJob(ctx, job);
    return notAllowed(req, "GET,PATCH,DELETE");
  }
  const name = leaf.toLowerCase();
  if (area === "ingest" && name === "batches") return method === "PUT" ? uploadData(ctx, req, job) : notAllowed(req, "PUT");
  if (area === "ingest" && INGEST_RESULTS.includes(name)) return method === "GET" ? ingestResults(ctx, job, name) : notAllowed(req, "GET");
  if (area === "query" && name === "results") return method === "GET" ? queryResults(ctx, req, job) : notAllowed(req, "GET");
  if (area === "query" && name === "resultpages" && Number(version) >= 58) {
    return method === "GET" ? queryResultPages(ctx, req, job, version) : notAllowed(req, "GET");
  }
  throw NOT_FOUND;
}
