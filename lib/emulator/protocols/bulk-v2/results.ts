/** Bulk 2.0 result downloads: ingest successful/failed/unprocessed records and paged query results. */
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import { listBatches, loadData, type JobRow } from "../common/jobs";
import { streamResultRange, streamResultRows, type ResultKind } from "../common/results";
import { v2Dialect } from "../../processing/ingest";
import { parseCsv, BatchFailure } from "../../processing/parse-batch";
import { csvRow, quoteCsv } from "../../processing/render";
import { decodeLocator, encodeLocator } from "./serialize";

const CSV_TYPE = "text/csv; charset=UTF-8";

async function* concat(head: string, parts: AsyncIterable<string[]>): AsyncGenerator<string> {
  yield head;
  for await (const rows of parts) if (rows.length) yield rows.join("");
}

async function* overParts(ctx: EmulatorContext, job: JobRow, kind: ResultKind): AsyncGenerator<string[]> {
  for (const part of await listBatches(ctx.pool, job.id)) yield* streamResultRows(ctx.pool, part.id, kind);
}

/**
 * Header plus input rows never processed: the rest of each unfinished part, or the whole upload if it
 * was never split (aborted while Open, or failed validation).
 */
async function* unprocessedRows(ctx: EmulatorContext, job: JobRow): AsyncGenerator<string[]> {
  const dialect = v2Dialect(job);
  const parts = await listBatches(ctx.pool, job.id);
  if (job.resultHeader !== null || parts.length) yield [`${job.resultHeader ?? ""}${dialect.lineEnding}`];
  const sources = parts.length
    ? parts.filter((part) => part.state !== "Completed").map((part) => ({ id: part.id, from: part.progress }))
    : [{ id: job.id, from: 0 }];
  for (const source of sources) {
    const data = await loadData(ctx.pool, source.id);
    if (!data) continue;
    try {
      const text = data.body.toString("utf8");
      // No line-ending check here: a job that failed on it still lists its rows as unprocessed.
      const table = parseCsv(text, dialect.delimiter);
      if (source.id === job.id) yield [`${table.header.join(dialect.delimiter)}${dialect.lineEnding}`];
      yield table.rows.slice(source.from).map((row) => csvRow(row, dialect));
    } catch (error) {
      if (!(error instanceof BatchFailure)) throw error;
    }
  }
}

export function ingestResults(ctx: EmulatorContext, job: JobRow, which: string): EmulatorResponse {
  const terminal = ["JobComplete", "Failed", "Aborted"];
  if (!terminal.includes(job.state)) {
    throw new ApiError(400, "INVALIDJOBSTATE", `Job ${job.id} is not complete (state: ${job.state}); results are available once it is`);
  }
  const dialect = v2Dialect(job);
  const input = job.resultHeader ?? "";
  const columns = input ? `${dialect.delimiter}${input}` : "";
  if (which === "unprocessedrecords") {
    return { status: 200, headers: { "Content-Type": CSV_TYPE }, body: concat("", unprocessedRows(ctx, job)) };
  }
  const success = which === "successfulresults";
  const head = `${[quoteCsv("sf__Id"), quoteCsv(success ? "sf__Created" : "sf__Error")].join(dialect.delimiter)}${columns}${dialect.lineEnding}`;
  return { status: 200, headers: { "Content-Type": CSV_TYPE }, body: concat(head, overParts(ctx, job, success ? "success" : "failed")) };
}

function requireComplete(job: JobRow): void {
  if (job.state !== "JobComplete") {
    const status = job.state === "InProgress" || job.state === "UploadComplete" ? "IN_PROGRESS" : job.state.toUpperCase();
    throw new ApiError(
      412,
      "JOB_NOT_COMPLETE",
      `can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${status}`,
    );
  }
}

export async function queryResults(ctx: EmulatorContext, req: EmulatorRequest, job: JobRow): Promise<EmulatorResponse> {
  requireComplete(job);
  const locator = req.query.get("locator");
  const offset = locator ? decodeLocator(locator) : 0;
  if (offset === null) throw new ApiError(400, "INVALID_LOCATOR", `Invalid locator: ${locator}`);
  const maxParam = req.query.get("maxRecords");
  const max = maxParam === null ? ctx.config.v2QueryPageSize : Number(maxParam);
  if (!Number.isInteger(max) || max < 1) throw new ApiError(400, "INVALID_MAX_RECORDS", `Invalid maxRecords: ${maxParam}`);
  const total = job.recordsProcessed;
  const count = Math.max(0, Math.min(max, total - offset));
  const next = offset + count < total ? encodeLocator(offset + count) : "null";
  return {
    status: 200,
    headers: { "Content-Type": CSV_TYPE, "Sforce-Locator": next, "Sforce-NumberOfRecords": String(count) },
    body: concat(job.resultHeader ?? "", count > 0 ? streamResultRange(ctx.pool, job.id, "query", offset, count) : emptyRows()),
  };
}

async function* emptyRows(): AsyncGenerator<string[]> {}

/** 58.0+ `GET …/resultPages`: up to five result URLs per answer, for parallel downloads. */
export function queryResultPages(ctx: EmulatorContext, req: EmulatorRequest, job: JobRow, version: string): EmulatorResponse {
  requireComplete(job);
  const locator = req.query.get("locator");
  const start = locator ? decodeLocator(locator) : 0;
  if (start === null) throw new ApiError(400, "INVALID_LOCATOR", `Invalid locator: ${locator}`);
  const size = ctx.config.v2QueryPageSize;
  const base = `/services/data/v${version}/jobs/query/${job.id}`;
  const pages: { resultUrl: string }[] = [];
  let offset = start;
  while (pages.length < 5 && (offset < job.recordsProcessed || (offset === 0 && pages.length === 0))) {
    pages.push({ resultUrl: `${base}/results?locator=${encodeLocator(offset)}&maxRecords=${size}` });
    offset += size;
  }
  const done = offset >= job.recordsProcessed;
  return {
    status: 200,
    headers: { "Content-Type": "application/json;charset=UTF-8" },
    body: JSON.stringify({ resultPages: pages, nextRecordsUrl: done ? null : `${base}/resultPages?locator=${encodeLocator(offset)}`, done }),
  };
}
