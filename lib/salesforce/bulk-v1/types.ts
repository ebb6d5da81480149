/** Bulk API v1 shapes, normalized from XML or JSON into one typed form (numbers as numbers). */
import { parseXml, xmlText, type XmlNode } from "../http/xml";

export type V1Operation = "insert" | "update" | "upsert" | "delete" | "hardDelete" | "query" | "queryAll";
export type V1ContentType = "CSV" | "JSON" | "XML";
export type ConcurrencyMode = "Parallel" | "Serial";
export type BatchState = "Queued" | "InProgress" | "Completed" | "Failed" | "NotProcessed";

export const V1_NAMESPACE = "http://www.force.com/2009/06/asyncapi/dataload";
export const TERMINAL_BATCH_STATES: ReadonlySet<string> = new Set(["Completed", "Failed", "NotProcessed"]);

export interface JobInfo {
  id: string;
  operation: V1Operation;
  object: string;
  createdById?: string;
  createdDate?: string;
  systemModstamp?: string;
  state: "Open" | "Closed" | "Aborted" | "Failed";
  externalIdFieldName?: string;
  concurrencyMode?: ConcurrencyMode;
  contentType: V1ContentType;
  numberBatchesQueued: number;
  numberBatchesInProgress: number;
  numberBatchesCompleted: number;
  numberBatchesFailed: number;
  numberBatchesTotal: number;
  numberRecordsProcessed: number;
  numberRetries: number;
  apiVersion?: string;
  numberRecordsFailed: number;
  totalProcessingTime: number;
  apiActiveProcessingTime: number;
  apexProcessingTime: number;
}

export interface BatchInfo {
  id: string;
  jobId: string;
  state: BatchState;
  stateMessage?: string;
  createdDate: string;
  systemModstamp: string;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  totalProcessingTime: number;
  apiActiveProcessingTime: number;
  apexProcessingTime: number;
}

const JOB_NUMBERS = [
  "numberBatchesQueued", "numberBatchesInProgress", "numberBatchesCompleted", "numberBatchesFailed", "numberBatchesTotal",
  "numberRecordsProcessed", "numberRetries", "numberRecordsFailed", "totalProcessingTime", "apiActiveProcessingTime", "apexProcessingTime",
] as const;
const BATCH_NUMBERS = ["numberRecordsProcessed", "numberRecordsFailed", "totalProcessingTime", "apiActiveProcessingTime", "apexProcessingTime"] as const;

function text(value: unknown): string | undefined {
  return typeof value === "number" || typeof value === "boolean" ? String(value) : xmlText(value);
}

function num(value: unknown): number {
  const parsed = Number(text(value) ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
}

function toJobInfo(raw: Record<string, unknown>): JobInfo {
  const job: Record<string, unknown> = {};
  for (const key of ["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "externalIdFieldName", "concurrencyMode", "contentType", "apiVersion"]) {
    const value = text(raw[key]);
    if (value !== undefined) job[key] = value;
  }
  for (const key of JOB_NUMBERS) job[key] = num(raw[key]);
  if (typeof raw.apiVersion === "number") job.apiVersion = raw.apiVersion.toFixed(1);
  return job as unknown as JobInfo;
}

function toBatchInfo(raw: Record<string, unknown>): BatchInfo {
  const batch: Record<string, unknown> = {};
  for (const key of ["id", "jobId", "state", "stateMessage", "createdDate", "systemModstamp"]) {
    const value = text(raw[key]);
    if (value !== undefined) batch[key] = value;
  }
  for (const key of BATCH_NUMBERS) batch[key] = num(raw[key]);
  return batch as unknown as BatchInfo;
}

function isJson(body: string): boolean {
  const start = body.trimStart()[0];
  return start === "{" || start === "[";
}

function root(body: string, name: string): XmlNode {
  const node = parseXml(body)[name];
  if (!node || typeof node !== "object") throw new Error(`Expected a <${name}> document`);
  return node as XmlNode;
}

export function parseJobInfo(body: string): JobInfo {
  return toJobInfo(isJson(body) ? JSON.parse(body) : root(body, "jobInfo"));
}

export function parseBatchInfo(body: string): BatchInfo {
  return toBatchInfo(isJson(body) ? JSON.parse(body) : root(body, "batchInfo"));
}

export function parseBatchInfoList(body: string): BatchInfo[] {
  if (isJson(body)) {
    const list = (JSON.parse(body) as { batchInfo?: unknown }).batchInfo;
    return (Array.isArray(list) ? list : list ? [list] : []).map((item) => toBatchInfo(item as Record<string, unknown>));
  }
  const doc = parseXml(body).batchInfoList;
  const list = doc && typeof doc === "object" ? (doc as XmlNode).batchInfo : undefined;
  return (Array.isArray(list) ? list : []).map((item) => toBatchInfo(item as XmlNode));
}

/** Query result ids: `<result-list><result>752…</result></result-list>` or a JSON array of strings. */
export function parseResultIds(body: string): string[] {
  if (isJson(body)) return (JSON.parse(body) as unknown[]).map(String);
  const doc = parseXml(body)["result-list"];
  const list = doc && typeof doc === "object" ? (doc as XmlNode).result : undefined;
  return (Array.isArray(list) ? list : []).map((item) => text(item) ?? "").filter(Boolean);
}

export function buildJobXml(fields: Record<string, string | undefined>): string {
  const body = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `<${key}>${String(value).replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"))}</${key}>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="${V1_NAMESPACE}">${body}</jobInfo>`;
}
