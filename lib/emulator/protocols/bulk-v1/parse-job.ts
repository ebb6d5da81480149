/** Parses and validates Bulk v1 JobInfo request bodies (XML or JSON, any element order) and PK chunking. */
import { ApiError } from "../../http/errors";
import { parseXml } from "../common/xml-parse";

const OPERATIONS = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"] as const;
const CONTENT_TYPES = ["CSV", "XML", "JSON"];
const JOB_FIELDS = ["id", "operation", "object", "externalIdFieldName", "concurrencyMode", "contentType", "assignmentRuleId", "state"];

export interface JobCreateInput {
  operation: (typeof OPERATIONS)[number];
  object: string;
  externalIdFieldName?: string;
  concurrencyMode: "Parallel" | "Serial";
  contentType: string;
  assignmentRuleId?: string;
}

function invalidJob(message: string): ApiError {
  return new ApiError(400, "InvalidJob", message);
}

/** The body as a flat record of strings; sniffed (`<` vs `{`) because clients mislabel content types. */
export function parseJobBody(text: string): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new ApiError(400, "ClientInputError", "Failed to parse JSON request body");
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new ApiError(400, "ClientInputError", "Expected a JSON object");
    const out: Record<string, string> = {};
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      if (field !== null && field !== undefined) out[key] = String(field);
    }
    return out;
  }
  const doc = parseXml(trimmed);
  const info = doc?.jobInfo;
  if (info === undefined) throw new ApiError(400, "InvalidXml", "Unable to parse the request body: expected a jobInfo element");
  const out: Record<string, string> = {};
  if (info && typeof info === "object") {
    for (const [key, field] of Object.entries(info as Record<string, unknown>)) {
      if (!key.startsWith("@") && (typeof field === "string" || typeof field === "number")) out[key] = String(field);
    }
  }
  return out;
}

export function validateJobCreate(fields: Record<string, string>): JobCreateInput {
  for (const key of Object.keys(fields)) {
    if (!JOB_FIELDS.includes(key)) throw invalidJob(`Unrecognized field in job: ${key}`);
  }
  const operation = fields.operation;
  if (!operation) throw invalidJob("Job operation is required");
  if (!(OPERATIONS as readonly string[]).includes(operation)) throw invalidJob(`Invalid operation: ${operation}`);
  if (!fields.object) throw invalidJob("Job object is required");
  if (fields.state && fields.state !== "Open") throw invalidJob(`State ${fields.state} cannot be specified on create`);
  const externalIdFieldName = fields.externalIdFieldName || undefined;
  if (operation === "upsert" && !externalIdFieldName) throw invalidJob("External ID field name is required for upsert");
  if (operation !== "upsert" && externalIdFieldName) throw invalidJob("External ID field name can only be specified for upsert");
  const mode = fields.concurrencyMode ?? "Parallel";
  // simple-salesforce sends the enum ordinal (0 = Parallel, 1 = Serial).
  const concurrencyMode = mode === "0" || mode === "Parallel" ? "Parallel" : mode === "1" || mode === "Serial" ? "Serial" : null;
  if (!concurrencyMode) throw invalidJob(`Invalid concurrency mode: ${mode}`);
  const contentType = fields.contentType ?? "XML";
  if (contentType.startsWith("ZIP_")) throw new ApiError(400, "FeatureNotEnabled", `Content type ${contentType} is not supported by this org`);
  if (!CONTENT_TYPES.includes(contentType)) throw invalidJob(`Invalid content type: ${contentType}`);
  return {
    operation: operation as JobCreateInput["operation"],
    object: fields.object,
    externalIdFieldName,
    concurrencyMode,
    contentType,
    assignmentRuleId: fields.assignmentRuleId || undefined,
  };
}

/** Close/abort body: only `state` (and an `id` equal to the URL's) may be present. */
export function validateStateChange(fields: Record<string, string>, jobId: string): "Closed" | "Aborted" {
  for (const key of Object.keys(fields)) {
    if (key === "state") continue;
    if (key === "id" && fields.id.slice(0, 15) === jobId.slice(0, 15)) continue;
    throw invalidJob(`${key.charAt(0).toUpperCase()}${key.slice(1)} cannot be specified`);
  }
  if (fields.state !== "Closed" && fields.state !== "Aborted") {
    throw new ApiError(400, "InvalidJobState", `Invalid state: ${fields.state ?? "(none)"}`);
  }
  return fields.state;
}

/** `TRUE`, `FALSE`, or `chunkSize=N; startRow=ID; parent=Obj` (case-insensitive, spaces and trailing `;` tolerated). */
export function parsePkChunking(header: string | undefined): { chunkSize: number; startRow?: string } | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (/^false$/i.test(value) || value === "") return null;
  if (/^true$/i.test(value)) return { chunkSize: 100_000 };
  const result: { chunkSize: number; startRow?: string } = { chunkSize: 100_000 };
  for (const part of value.split(";").map((item) => item.trim()).filter(Boolean)) {
    const [rawKey, ...rest] = part.split("=");
    const key = rawKey.trim().toLowerCase();
    const option = rest.join("=").trim();
    if (key === "chunksize") {
      const size = Number(option);
      if (!Number.isInteger(size) || size < 1 || size > 250_000) {
        throw invalidJob(`Invalid chunkSize: ${option}. The chunk size must be between 1 and 250000`);
      }
      result.chunkSize = size;
    } else if (key === "startrow") {
      if (!/^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(option)) throw invalidJob(`Invalid startRow: ${option}`);
      result.startRow = option;
    } else if (key !== "parent") {
      throw invalidJob(`Invalid PK chunking option: ${rawKey.trim()}`);
    }
  }
  return result;
}
