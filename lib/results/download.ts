/**
 * Streamed CSV downloads: every original row (all columns, mapped or not) with its row number and
 * outcome, one batch of outcomes in memory at a time; query results as one file.
 */
import Papa from "papaparse";
import { readUploadRows } from "../uploads/data";
import { csvLine } from "./csv";
import { listResultBatches, listResultPageIds, readBatchOutcomesText, readResultPage } from "./data";
import { decodeOutcomes, type RowOutcome } from "./outcomes";

export type RowResultKind = "successes" | "failures" | "unprocessed";

const EXTRA_COLUMNS: Record<RowResultKind, string[]> = {
  successes: ["sf__Id", "sf__Created"],
  failures: ["sf__Id", "sf__Error"],
  unprocessed: [],
};

const STATUS: Record<RowResultKind, RowOutcome["status"]> = { successes: "s", failures: "f", unprocessed: "u" };

export interface RowResultSource {
  uploadId: string;
  bulkJobId: string;
  columns: string[];
}

export interface RowWithOutcome {
  row: number;
  values: string[];
  /** Undefined for rows no batch covered (never sent): they count as unprocessed. */
  outcome?: RowOutcome;
}

/** Every original row in order with its outcome, holding one batch of outcomes in memory at a time. */
export async function* rowsWithOutcomes(uploadId: string, bulkJobId: string): AsyncGenerator<RowWithOutcome> {
  const batches = await listResultBatches(bulkJobId);
  const outcomeOf = new Map<number, RowOutcome>();
  let loadedUpTo = 0;
  let batchIndex = 0;
  for await (const { row, values } of readUploadRows(uploadId)) {
    if (row > loadedUpTo) {
      outcomeOf.clear();
      while (batchIndex < batches.length && batches[batchIndex].firstRow + batches[batchIndex].rowCount <= row) batchIndex += 1;
      const batch = batches[batchIndex];
      if (batch && batch.firstRow <= row) {
        const text = await readBatchOutcomesText(batch.id);
        for (const outcome of text ? decodeOutcomes(text) : []) outcomeOf.set(outcome.row, outcome);
        loadedUpTo = batch.firstRow + batch.rowCount - 1;
      } else {
        loadedUpTo = batch ? batch.firstRow - 1 : Number.MAX_SAFE_INTEGER;
      }
    }
    yield { row, values, outcome: outcomeOf.get(row) };
  }
}

export async function* rowResultLines(source: RowResultSource, kind: RowResultKind): AsyncGenerator<string> {
  yield csvLine(["sf__Row", ...source.columns, ...EXTRA_COLUMNS[kind]]);
  for await (const { row, values, outcome } of rowsWithOutcomes(source.uploadId, source.bulkJobId)) {
    if ((outcome?.status ?? "u") !== STATUS[kind]) continue;
    const extra =
      kind === "successes" ? [outcome?.id ?? "", outcome?.created ? "true" : "false"] : kind === "failures" ? [outcome?.id ?? "", outcome?.error ?? ""] : [];
    yield csvLine([String(row), ...values, ...extra]);
  }
}

/** Query pages concatenated: the first page's header once, every cell escaped against formula injection. */
export async function* queryResultLines(bulkJobId: string): AsyncGenerator<string> {
  let headerSent = false;
  for (const { id } of await listResultPageIds(bulkJobId)) {
    const rows = Papa.parse<string[]>(await readResultPage(id), { skipEmptyLines: true }).data;
    const [header, ...data] = rows;
    if (!header) continue;
    if (!headerSent) {
      yield csvLine(header);
      headerSent = true;
    }
    let buffer = "";
    for (const row of data) {
      buffer += csvLine(row);
      if (buffer.length > 256 * 1024) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer) yield buffer;
  }
}

export function toByteStream(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    // Lines are small; sending them in ~64 KB chunks keeps a million-row download cheap.
    async pull(controller) {
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        const next = await lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

