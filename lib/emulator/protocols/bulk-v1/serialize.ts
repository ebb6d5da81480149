/**
 * Bulk API v1 wire formats. XML element order is fixed (force-wsc reads sequentially); JSON keys are
 * alphabetical with `+0000` dates, as in the developer guide.
 */
import type { BatchRow, JobRow, V1Counters } from "../common/jobs";
import { escapeXml, jsonDate, stringifyWithVersion, xmlDate } from "../common/format";

const NS = "http://www.force.com/2009/06/asyncapi/dataload";
export type V1Format = "xml" | "json";

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

function el(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** v1 content types are plain values by default (heroku's client compares them with `==`). */
export function v1ContentType(kind: "xml" | "json" | "csv", charset: boolean): string {
  const base = kind === "xml" ? "application/xml" : kind === "json" ? "application/json" : "text/csv";
  return charset ? `${base}; charset=UTF-8` : base;
}

export function jobInfoXml(job: JobRow, c: V1Counters): string {
  const parts = [
    el("id", job.id),
    el("operation", job.operation),
    el("object", job.object),
    el("createdById", job.createdBy),
    el("createdDate", xmlDate(job.createdAt)),
    el("systemModstamp", xmlDate(job.systemModstamp)),
    el("state", job.state),
    job.externalIdField ? el("externalIdFieldName", job.externalIdField) : "",
    el("concurrencyMode", job.concurrencyMode),
    el("contentType", job.contentType),
    el("numberBatchesQueued", c.queued),
    el("numberBatchesInProgress", c.inProgress),
    el("numberBatchesCompleted", c.completed),
    el("numberBatchesFailed", c.failed),
    el("numberBatchesTotal", c.total),
    el("numberRecordsProcessed", c.recordsProcessed),
    el("numberRetries", c.retries),
    el("apiVersion", job.apiVersion),
    job.assignmentRuleId ? el("assignmentRuleId", job.assignmentRuleId) : "",
    el("numberRecordsFailed", c.recordsFailed),
    el("totalProcessingTime", c.totalProcessingTime),
    el("apiActiveProcessingTime", c.apiActiveProcessingTime),
    el("apexProcessingTime", c.apexProcessingTime),
  ];
  return `${XML_HEAD}<jobInfo xmlns="${NS}">${parts.join("")}</jobInfo>`;
}

export function jobInfoJson(job: JobRow, c: V1Counters): string {
  const body: Record<string, unknown> = {
    apexProcessingTime: c.apexProcessingTime,
    apiActiveProcessingTime: c.apiActiveProcessingTime,
    apiVersion: Number(job.apiVersion),
    ...(job.assignmentRuleId ? { assignmentRuleId: job.assignmentRuleId } : {}),
    concurrencyMode: job.concurrencyMode,
    contentType: job.contentType,
    createdById: job.createdBy,
    createdDate: jsonDate(job.createdAt),
    ...(job.externalIdField ? { externalIdFieldName: job.externalIdField } : {}),
    id: job.id,
    numberBatchesCompleted: c.completed,
    numberBatchesFailed: c.failed,
    numberBatchesInProgress: c.inProgress,
    numberBatchesQueued: c.queued,
    numberBatchesTotal: c.total,
    numberRecordsFailed: c.recordsFailed,
    numberRecordsProcessed: c.recordsProcessed,
    numberRetries: c.retries,
    object: job.object,
    operation: job.operation,
    state: job.state,
    systemModstamp: jsonDate(job.systemModstamp),
    totalProcessingTime: c.totalProcessingTime,
  };
  return stringifyWithVersion(body);
}

function batchChildrenXml(batch: BatchRow): string {
  return [
    el("id", batch.id),
    el("jobId", batch.jobId),
    el("state", batch.state),
    batch.stateMessage ? el("stateMessage", batch.stateMessage) : "",
    el("createdDate", xmlDate(batch.createdAt)),
    el("systemModstamp", xmlDate(batch.systemModstamp)),
    el("numberRecordsProcessed", batch.recordsProcessed),
    el("numberRecordsFailed", batch.recordsFailed),
    el("totalProcessingTime", batch.totalProcessingTime),
    el("apiActiveProcessingTime", batch.apiActiveProcessingTime),
    el("apexProcessingTime", batch.apexProcessingTime),
  ].join("");
}

function batchObject(batch: BatchRow): Record<string, unknown> {
  return {
    apexProcessingTime: batch.apexProcessingTime,
    apiActiveProcessingTime: batch.apiActiveProcessingTime,
    createdDate: jsonDate(batch.createdAt),
    id: batch.id,
    jobId: batch.jobId,
    numberRecordsFailed: batch.recordsFailed,
    numberRecordsProcessed: batch.recordsProcessed,
    state: batch.state,
    ...(batch.stateMessage ? { stateMessage: batch.stateMessage } : {}),
    systemModstamp: jsonDate(batch.systemModstamp),
    totalProcessingTime: batch.totalProcessingTime,
  };
}

export function batchInfo(batch: BatchRow, format: V1Format): string {
  if (format === "json") return JSON.stringify(batchObject(batch));
  return `${XML_HEAD}<batchInfo xmlns="${NS}">${batchChildrenXml(batch)}</batchInfo>`;
}

export function batchInfoList(batches: BatchRow[], format: V1Format): string {
  if (format === "json") return JSON.stringify({ batchInfo: batches.map(batchObject) });
  const items = batches.map((batch) => `<batchInfo>${batchChildrenXml(batch)}</batchInfo>`).join("");
  return `${XML_HEAD}<batchInfoList xmlns="${NS}">${items}</batchInfoList>`;
}

export function errorBody(code: string, message: string, format: V1Format): string {
  if (format === "json") return JSON.stringify({ exceptionCode: code, exceptionMessage: message });
  return `${XML_HEAD}<error xmlns="${NS}">${el("exceptionCode", code)}${el("exceptionMessage", message)}</error>`;
}

export function queryResultList(resultIds: string[], format: V1Format): string {
  if (format === "json") return JSON.stringify(resultIds);
  return `${XML_HEAD}<result-list xmlns="${NS}">${resultIds.map((id) => el("result", id)).join("")}</result-list>`;
}

/** Envelope around stored ingest result rows / query record rows, per job content type. */
export function resultEnvelope(
  format: "csv" | "xml" | "json",
  what: "ingest" | "query",
  csvHeader: string,
): { head: string; separator: string; tail: string } {
  if (format === "csv") return { head: `${csvHeader}\n`, separator: "", tail: "" };
  if (format === "json") return { head: "[", separator: ",", tail: "]" };
  if (what === "ingest") return { head: `${XML_HEAD}<results xmlns="${NS}">`, separator: "", tail: "</results>" };
  return {
    head: `${XML_HEAD}<queryResult xmlns="${NS}" xmlns:sf="urn:sobject.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    separator: "",
    tail: "</queryResult>",
  };
}

export const INGEST_CSV_HEADER = '"Id","Success","Created","Error"';
