/** Bulk API 2.0 job JSON, with keys in the order of the developer guide's examples. */
import type { JobRow, V1Counters } from "../common/jobs";
import { jsonDate, stringifyWithVersion } from "../common/format";

export type JobView = "create" | "info" | "short" | "list";

function jobType(job: JobRow): string {
  return job.kind === "v1" ? "Classic" : job.kind === "v2query" ? "V2Query" : "V2Ingest";
}

/** `live` holds counters summed from a running ingest job's parts (the job row has them only at the end). */
export function v2JobObject(job: JobRow, view: JobView, live?: V1Counters): Record<string, unknown> {
  const isQuery = job.kind === "v2query" || job.operation === "query" || job.operation === "queryAll";
  const body: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdBy,
    createdDate: jsonDate(job.createdAt),
    systemModstamp: jsonDate(job.systemModstamp),
    state: job.state,
  };
  if (job.externalIdField) body.externalIdFieldName = job.externalIdField;
  if (job.assignmentRuleId) body.assignmentRuleId = job.assignmentRuleId;
  body.concurrencyMode = job.concurrencyMode;
  body.contentType = job.contentType;
  body.apiVersion = Number(job.apiVersion);
  if (view === "short") return body;
  if (view !== "create") body.jobType = jobType(job);
  const contentUrl = `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;
  if (!isQuery && (view === "create" || (view === "info" && job.state === "Open"))) body.contentUrl = contentUrl;
  if (job.kind !== "v1") {
    body.lineEnding = job.lineEnding ?? "LF";
    body.columnDelimiter = job.columnDelimiter ?? "COMMA";
  }
  if (view !== "info") return body;
  const processed = live ? live.recordsProcessed : job.recordsProcessed;
  if (job.state !== "Open" && job.state !== "UploadComplete") {
    body.numberRecordsProcessed = processed;
    if (!isQuery) body.numberRecordsFailed = live ? live.recordsFailed : job.recordsFailed;
  } else if (isQuery) {
    body.numberRecordsProcessed = processed;
  }
  body.retries = live ? live.retries : job.retries;
  body.totalProcessingTime = live ? live.totalProcessingTime : job.totalProcessingTime;
  if (!isQuery) {
    body.apiActiveProcessingTime = live ? live.apiActiveProcessingTime : job.apiActiveProcessingTime;
    body.apexProcessingTime = live ? live.apexProcessingTime : job.apexProcessingTime;
  } else {
    body.isPkChunkingSupported = true;
  }
  if (job.errorMessage && job.state === "Failed") body.errorMessage = job.errorMessage;
  return body;
}

export function v2Json(value: unknown, status = 200): { status: number; headers: Record<string, string>; body: string } {
  return { status, headers: { "Content-Type": "application/json;charset=UTF-8" }, body: stringifyWithVersion(value) };
}

/** Query result locators: base64 of the next row offset without padding (`MTAwMDA`), `null` at the end. */
export function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString("base64").replace(/=+$/, "");
}

export function decodeLocator(locator: string): number | null {
  const text = Buffer.from(locator, "base64").toString("utf8");
  return /^\d+$/.test(text) ? Number(text) : null;
}
