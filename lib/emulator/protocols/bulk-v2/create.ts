/** Bulk 2.0 job creation (ingest JSON, ingest multipart create+upload, query) with Salesforce's validation errors. */
import { generateId, SoqlError, type DmlOperation } from "../../org";
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import type { Session } from "../auth/sessions";
import { reserveUsage } from "../auth/usage";
import { insertJob, storeData } from "../common/jobs";
import { v2Json, v2JobObject } from "./serialize";

const INGEST_OPERATIONS = ["insert", "update", "upsert", "delete", "hardDelete"];
const DELIMITERS = ["BACKQUOTE", "CARET", "COMMA", "PIPE", "SEMICOLON", "TAB"];
const LINE_ENDINGS = ["LF", "CRLF"];
const MULTIPART_CSV_LIMIT = 100_000;

function invalidValue(property: string, value: unknown): ApiError {
  return new ApiError(400, "API_ERROR", `Invalid value: '${value ?? ""}' supplied for property: '${property}'`);
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new ApiError(400, "JSON_PARSER_ERROR", "Unexpected input: the request body must be a JSON object");
}

function optionalEnum(body: Record<string, unknown>, property: string, allowed: string[], fallback: string): string {
  const value = body[property];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string" || !allowed.includes(value)) throw invalidValue(property, value);
  return value;
}

interface MultipartPart {
  name: string;
  body: Buffer;
}

function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new ApiError(400, "INVALIDJOB", "InvalidJob : multipart request without a boundary");
  const text = body.toString("latin1");
  const parts: MultipartPart[] = [];
  for (const chunk of text.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith("--")) break;
    const separator = chunk.indexOf("\r\n\r\n") >= 0 ? "\r\n\r\n" : "\n\n";
    const split = chunk.indexOf(separator);
    if (split < 0) continue;
    const headers = chunk.slice(0, split);
    const name = /name="([^"]+)"/i.exec(headers)?.[1] ?? "";
    const content = chunk.slice(split + separator.length).replace(/\r?\n$/, "");
    parts.push({ name, body: Buffer.from(content, "latin1") });
  }
  return parts;
}

export async function createIngestJob(ctx: EmulatorContext, req: EmulatorRequest, session: Session, version: string): Promise<EmulatorResponse> {
  const contentType = req.header("content-type") ?? "";
  let body: Record<string, unknown>;
  let content: Buffer | null = null;
  if (/^multipart\/form-data/i.test(contentType)) {
    const parts = parseMultipart(await req.body(MULTIPART_CSV_LIMIT * 4 + 64 * 1024), contentType);
    const job = parts.find((part) => part.name === "job");
    content = parts.find((part) => part.name === "content")?.body ?? null;
    if (!job || !content) throw new ApiError(400, "INVALIDJOB", "InvalidJob : multipart request needs a 'job' and a 'content' part");
    if (content.toString("utf8").length > MULTIPART_CSV_LIMIT) {
      throw new ApiError(400, "INVALIDJOB", `InvalidJob : multipart upload exceeds ${MULTIPART_CSV_LIMIT} characters; use a separate upload`);
    }
    body = parseJson(job.body.toString("utf8"));
  } else {
    body = parseJson(await req.text(1024 * 1024));
  }
  const operation = body.operation;
  if (typeof operation !== "string" || !INGEST_OPERATIONS.includes(operation)) throw invalidValue("operation", operation);
  const objectName = typeof body.object === "string" ? body.object : "";
  const object = objectName ? ctx.store.resolveObjectName(objectName) : undefined;
  if (!object) throw new ApiError(400, "INVALIDJOB", `InvalidJob : Unable to find object: ${objectName}`);
  const externalIdField = typeof body.externalIdFieldName === "string" && body.externalIdFieldName ? body.externalIdFieldName : null;
  if (operation === "upsert") {
    const problem = externalIdField
      ? ctx.store.checkHeader(session.orgId, object, "upsert", [externalIdField], externalIdField)
      : { code: "InvalidJob", message: "" };
    if (problem) {
      throw new ApiError(400, "INVALIDJOB", `InvalidJob : Field name provided, ${externalIdField ?? ""} does not match an External ID for ${object}`);
    }
  }
  optionalEnum(body, "contentType", ["CSV"], "CSV");
  const job = await insertJob(ctx.pool, {
    id: await generateId(ctx.pool, "750"),
    orgId: session.orgId,
    createdBy: session.userId,
    kind: "v2ingest",
    operation: operation as DmlOperation,
    object,
    externalIdField,
    assignmentRuleId: typeof body.assignmentRuleId === "string" ? body.assignmentRuleId : null,
    contentType: "CSV",
    apiVersion: version,
    state: content ? "UploadComplete" : "Open",
    lineEnding: optionalEnum(body, "lineEnding", LINE_ENDINGS, "LF"),
    columnDelimiter: optionalEnum(body, "columnDelimiter", DELIMITERS, "COMMA"),
    notBeforeMs: content ? ctx.config.processing.latencyMs + ctx.faults.slowBatchMs : null,
  });
  if (content) {
    await storeData(ctx.pool, job.id, "CSV", content);
    await ctx.pool.query("UPDATE emulator.bulk_jobs SET upload_bytes = $2 WHERE id = $1", [job.id, content.length]);
    ctx.kick();
  }
  return v2Json(v2JobObject(job, "create"));
}

export async function createQueryJob(ctx: EmulatorContext, req: EmulatorRequest, session: Session, version: string): Promise<EmulatorResponse> {
  const body = parseJson(await req.text(1024 * 1024));
  const operation = body.operation ?? "query";
  if (operation !== "query" && operation !== "queryAll") throw invalidValue("operation", operation);
  if (typeof body.query !== "string" || !body.query.trim()) throw invalidValue("query", body.query);
  optionalEnum(body, "contentType", ["CSV"], "CSV");
  const lineEnding = optionalEnum(body, "lineEnding", LINE_ENDINGS, "LF");
  const columnDelimiter = optionalEnum(body, "columnDelimiter", DELIMITERS, "COMMA");
  let object: string;
  try {
    object = (await ctx.store.query(session.orgId, body.query, { includeDeleted: operation === "queryAll" })).object;
  } catch (error) {
    if (error instanceof SoqlError) throw new ApiError(400, error.code, error.message);
    throw error;
  }
  if (!(await reserveUsage(ctx, session.orgId, "DailyBulkV2QueryJobs", 1))) {
    throw new ApiError(400, "API_ERROR", "Daily limit of Bulk API 2.0 query jobs exceeded (DailyBulkV2QueryJobs)");
  }
  const job = await insertJob(ctx.pool, {
    id: await generateId(ctx.pool, "750"),
    orgId: session.orgId,
    createdBy: session.userId,
    kind: "v2query",
    operation,
    object,
    contentType: "CSV",
    apiVersion: version,
    state: "UploadComplete",
    lineEnding,
    columnDelimiter,
    soql: body.query,
    notBeforeMs: ctx.config.processing.latencyMs + ctx.faults.slowBatchMs,
  });
  ctx.kick();
  return v2Json(v2JobObject(job, "create"));
}
