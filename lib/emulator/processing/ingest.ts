/** Processes one ingest batch (a v1 batch or a v2 part) chunk by chunk through the data plane's applyDml. */
import type { DmlOperation, DmlRow, DmlRowResult, Queryable } from "../org";
import type { EmulatorContext } from "../http/context";
import { loadData, type JobRow } from "../protocols/common/jobs";
import { finishBatch, processChunk, setRecordCount, type ChunkOutcome, type Claim } from "./batch-state";
import { BatchFailure, checkLineEnding, csvRowsToDml, DELIMITERS, parseCsv, parseJsonRows, parseXmlRows } from "./parse-batch";
import { v1ResultCsv, v1ResultJson, v1ResultXml, v2FailedRow, v2SuccessRow, type CsvDialect } from "./render";

const MAX_V1_RECORDS = 10_000;
const LOCK_MESSAGE = "unable to obtain exclusive access to this record or 1 records";

interface ParsedInput {
  rows: DmlRow[];
  /** Raw CSV cells per row (echoed in v2 results). */
  cells?: string[][];
  columns: string[];
  format: "csv" | "xml" | "json";
}

export function v2Dialect(job: JobRow): CsvDialect {
  return { delimiter: DELIMITERS[job.columnDelimiter ?? "COMMA"] ?? ",", lineEnding: job.lineEnding === "CRLF" ? "\r\n" : "\n" };
}

function parseInput(job: JobRow, text: string): ParsedInput {
  if (job.kind !== "v1") {
    checkLineEnding(text, job.lineEnding === "CRLF" ? "CRLF" : "LF");
    const table = parseCsv(text, v2Dialect(job).delimiter);
    return { rows: csvRowsToDml(table.header, table.rows), cells: table.rows, columns: table.header, format: "csv" };
  }
  if (job.contentType === "XML" || job.contentType === "JSON") {
    const rows = job.contentType === "XML" ? parseXmlRows(text) : parseJsonRows(text);
    const columns = new Set<string>();
    for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
    return { rows, columns: [...columns], format: job.contentType === "XML" ? "xml" : "json" };
  }
  const table = parseCsv(text);
  return { rows: csvRowsToDml(table.header, table.rows), columns: table.header, format: "csv" };
}

function renderV1(job: JobRow, result: DmlRowResult): string {
  if (job.contentType === "XML") return v1ResultXml(result);
  if (job.contentType === "JSON") return v1ResultJson(result);
  return v1ResultCsv(result);
}

/**
 * Applies one chunk inside the caller's transaction, failing a deterministic share of rows with
 * UNABLE_TO_LOCK_ROW when that fault is on.
 */
async function applyChunk(
  ctx: EmulatorContext,
  client: Queryable,
  job: JobRow,
  rows: DmlRow[],
  format: ParsedInput["format"],
): Promise<DmlRowResult[]> {
  const locked = rows.map(() => ctx.faults.lockRow());
  const toApply = rows.filter((_row, i) => !locked[i]);
  const request = {
    operation: job.operation as DmlOperation,
    object: job.object,
    externalIdField: job.externalIdField ?? undefined,
    rows: toApply,
    format,
  };
  const applied = toApply.length ? await ctx.store.applyDml(job.orgId, job.createdBy, request, { client }) : [];
  let next = 0;
  return rows.map((row, i) => {
    if (!locked[i]) return applied[next++];
    const id = typeof row.Id === "string" && row.Id ? row.Id : null;
    return { id, success: false, created: false, errors: [{ statusCode: "UNABLE_TO_LOCK_ROW", message: LOCK_MESSAGE, fields: [] }] };
  });
}

/** Renders a chunk's results (v1 result rows, or v2 success/failed rows echoing the input cells). */
function chunkOutcome(job: JobRow, input: ParsedInput, results: DmlRowResult[], firstRow: number, chunkIndex: number): ChunkOutcome {
  const outputs: ChunkOutcome["results"] = [];
  if (job.kind !== "v1" && input.cells) {
    const dialect = v2Dialect(job);
    const cells = input.cells;
    const success: string[] = [];
    const failures: string[] = [];
    results.forEach((result, i) => {
      const echo = cells[firstRow + i];
      if (result.success) success.push(v2SuccessRow(result, echo, dialect));
      else failures.push(v2FailedRow(result, echo, dialect));
    });
    outputs.push({ kind: "success", rows: success }, { kind: "failed", rows: failures });
  } else {
    outputs.push({ kind: "result", rows: results.map((result) => renderV1(job, result)) });
  }
  const failed = results.filter((result) => !result.success).length;
  return { results: outputs, processed: results.length, failed, consumed: results.length, chunkIndex, firstRow };
}

async function throttle(ctx: EmulatorContext, records: number, startedAt: number): Promise<void> {
  const rate = ctx.config.processing.recordsPerSecond;
  if (rate <= 0) return;
  const due = (records / rate) * 1000 - (Date.now() - startedAt);
  if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
}

/** Returns "stopped" when shutdown interrupted it between chunks (the caller hands the batch back). */
export async function processIngestBatch(
  ctx: EmulatorContext,
  claim: Claim,
  job: JobRow,
  shouldStop: () => boolean,
): Promise<"done" | "lost" | "stopped"> {
  const data = await loadData(ctx.pool, claim.batch.id);
  let input: ParsedInput;
  try {
    input = parseInput(job, data ? data.body.toString("utf8") : "");
    if (job.kind === "v1" && input.rows.length > MAX_V1_RECORDS) {
      throw new BatchFailure(
        "InvalidBatch",
        `Records not processed: Exceeded number of records : ${input.rows.length}. Number of records should be less than or equal to ${MAX_V1_RECORDS}`,
      );
    }
    const headerError = ctx.store.checkHeader(job.orgId, job.object, job.operation as DmlOperation, input.columns, job.externalIdField ?? undefined);
    if (headerError) throw new BatchFailure(headerError.code, headerError.message);
  } catch (error) {
    if (!(error instanceof BatchFailure)) throw error;
    return (await finishBatch(ctx.pool, claim, "Failed", error.stateMessage, { recordCount: 0 })) ? "done" : "lost";
  }
  if (claim.batch.recordCount === null) await setRecordCount(ctx.pool, claim, input.rows.length);
  const chunkSize = ctx.config.processing.chunkSize;
  const started = Date.now();
  let processed = claim.batch.recordsProcessed;
  for (let offset = claim.batch.progress; offset < input.rows.length; offset += chunkSize) {
    const slice = input.rows.slice(offset, offset + chunkSize);
    const outcome = await processChunk(ctx.pool, claim, ctx.config.processing.leaseMs, async (client) => {
      const results = await applyChunk(ctx, client, job, slice, input.format);
      return chunkOutcome(job, input, results, offset, Math.floor(offset / chunkSize));
    });
    if (!outcome) return "lost";
    processed += outcome.processed;
    if (shouldStop() && offset + chunkSize < input.rows.length) return "stopped";
    await throttle(ctx, processed - claim.batch.recordsProcessed, started);
  }
  return (await finishBatch(ctx.pool, claim, "Completed", null, { recordCount: input.rows.length, processed })) ? "done" : "lost";
}
