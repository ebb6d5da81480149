/** The worker's reading passes over a picked file: scan (shape and preview), validate, excluded rows. */
import { createValidator, type RowProblem } from "@/lib/preflight";
import { CsvStreamParser, readText, recordName, toCsvLine } from "./csv-stream";
import type { ScanResult, ValidateInput, ValidateResult, WorkerProgress } from "./worker-protocol";

type Progress = (progress: WorkerProgress) => void;

const PREVIEW_ROWS = 10;
const SHOWN_PROBLEMS = 200;
const LISTED_ROWS = 5;
const SNIFF_CHARS = 64 * 1024;
/** Past this many bad rows the reasons are not kept (memory), and excluding them is not offered: fix the file. */
export const MAX_EXCLUDED_ROWS = 100_000;

/** Which rows have problems, one bit each: exact counts for millions of rows in a few hundred KB. */
class RowSet {
  private bits = new Uint8Array(4096);
  size = 0;

  add(row: number): boolean {
    const index = row >> 3;
    if (index >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, index + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (row & 7);
    if (this.bits[index] & mask) return false;
    this.bits[index] |= mask;
    this.size += 1;
    return true;
  }
}

const CANDIDATES = [",", ";", "\t", "|"];

/**
 * The delimiter that splits the first rows into the most columns, consistently (≥ 80 % of the sample rows
 * match the header's count); comma when none does. Papaparse's guess misses two-column files.
 */
export function detectDelimiter(sample: string): string {
  const complete = sample.slice(0, Math.max(sample.lastIndexOf("\n"), 0)) || sample;
  let best = { delimiter: ",", columns: 1 };
  for (const delimiter of CANDIDATES) {
    const rows: number[] = [];
    const parser = new CsvStreamParser(delimiter, (values) => rows.push(values.length));
    parser.push(complete.slice(0, 16 * 1024));
    try {
      parser.end();
    } catch {
      continue;
    }
    const [header, ...data] = rows.slice(0, 50);
    if (!header || header < 2) continue;
    const matching = data.filter((n) => n === header).length;
    if (data.length > 0 && matching / data.length < 0.8) continue;
    if (header > best.columns) best = { delimiter, columns: header };
  }
  return best.delimiter;
}

function listRows(rows: number[], total: number): string {
  const listed = rows.map((r) => recordName(r)).join(", ");
  return total > rows.length ? `${listed} and ${(total - rows.length).toLocaleString("en-US")} more` : listed;
}

export async function scanFile(file: Blob, progress: Progress): Promise<ScanResult> {
  let parser: CsvStreamParser | null = null;
  let sample = "";
  let headers: string[] = [];
  const preview: string[][] = [];
  const ragged: number[] = [];
  let raggedCount = 0;
  const onRow = (values: string[], record: number) => {
    if (record === 1) {
      headers = values;
      return;
    }
    if (preview.length < PREVIEW_ROWS) preview.push(values);
    if (values.length !== headers.length) {
      raggedCount += 1;
      if (ragged.length < LISTED_ROWS) ragged.push(record);
    }
  };
  const start = (text: string) => {
    const created = new CsvStreamParser(detectDelimiter(text), onRow);
    created.push(text);
    return created;
  };
  const encoding = await readText(file, (text, bytes) => {
    if (parser) parser.push(text);
    else if ((sample += text).length >= SNIFF_CHARS) parser = start(sample);
    progress({ bytes, total: file.size, rows: Math.max(0, (parser?.records ?? 1) - 1) });
  });
  const done = parser ?? start(sample);
  done.end();

  const problems: string[] = [];
  const rows = Math.max(0, done.records - 1);
  if (done.records === 0) problems.push("The file has no rows at all (only blank lines).");
  else if (rows === 0) problems.push("The file has a header but no data rows.");
  const blank = headers.map((h, i) => (h.trim() === "" ? i + 1 : 0)).filter(Boolean);
  if (blank.length) problems.push(`Column${blank.length > 1 ? "s" : ""} ${blank.join(", ")} of the header ha${blank.length > 1 ? "ve" : "s"} no name.`);
  const seen = new Set<string>();
  const repeated = headers.filter((h) => h.trim() !== "" && (seen.has(h) || !seen.add(h)));
  if (repeated.length) problems.push(`The header names ${[...new Set(repeated)].map((h) => `"${h}"`).join(", ")} more than once.`);
  if (raggedCount) {
    problems.push(
      `${raggedCount.toLocaleString("en-US")} row${raggedCount > 1 ? "s have" : " has"} a different number of values than the header's ${headers.length} columns: ${listRows(ragged, raggedCount)}.`,
    );
  }
  if (done.problems.length) {
    const first = done.problems.slice(0, LISTED_ROWS).map((p) => p.record);
    problems.push(`A quoted value is followed by more text before the next delimiter (misplaced quotes) in ${listRows(first, done.problems.length)}.`);
  }
  return { headers, preview, rows, delimiter: done.delimiterUsed, encoding, lineEnding: done.lineEnding, problems };
}

/** Streams the file again; the delimiter is the one the scan found. */
async function eachRow(file: Blob, delimiter: string, progress: Progress, onRow: (values: string[], row: number) => void): Promise<number> {
  const parser = new CsvStreamParser(delimiter, (values, record) => {
    if (record > 1) onRow(values, record - 1);
  });
  await readText(file, (text, bytes) => {
    parser.push(text);
    progress({ bytes, total: file.size, rows: Math.max(0, parser.records - 1) });
  });
  parser.end();
  return Math.max(0, parser.records - 1);
}

export async function validateFile(file: Blob, input: ValidateInput, progress: Progress): Promise<ValidateResult> {
  const validator = createValidator({ object: input.object, operation: input.operation, headers: input.headers, mapping: input.mapping, externalIdField: input.externalIdField });
  const shown: RowProblem[] = [];
  const perColumn: Record<string, number> = {};
  const reasons = new Map<number, string>();
  const bad = new RowSet();
  let total = 0;
  const add = (problem: RowProblem) => {
    total += 1;
    const column = problem.column || problem.field;
    perColumn[column] = (perColumn[column] ?? 0) + 1;
    if (shown.length < SHOWN_PROBLEMS) shown.push(problem);
    const first = bad.add(problem.row);
    if (!first && !reasons.has(problem.row)) return;
    if (first && bad.size > MAX_EXCLUDED_ROWS) return;
    const why = `${problem.column ? `${problem.column}: ` : ""}${problem.message}`;
    reasons.set(problem.row, reasons.has(problem.row) ? `${reasons.get(problem.row)}; ${why}` : why);
  };
  const rows = await eachRow(file, input.delimiter, progress, (values, row) => {
    for (const problem of validator.check(row, values)) add(problem);
  });
  const finish = validator.finish();
  const setup = finish.filter((p) => p.row === 0);
  for (const problem of finish) if (problem.row > 0) add(problem);
  shown.sort((a, b) => a.row - b.row);
  const excludable = bad.size <= MAX_EXCLUDED_ROWS;
  const badRows = excludable ? [...reasons.entries()].sort((a, b) => a[0] - b[0]) : [];
  return { setup, shown, total, perColumn, badRows, badRowCount: bad.size, excludable, rows };
}

/** The left-out rows as a CSV to fix: the original header and values, plus why each row was left out. */
export async function excludedFile(file: Blob, headers: string[], delimiter: string, badRows: [number, string][], progress: Progress): Promise<Blob> {
  const why = new Map(badRows);
  const parts: string[] = [toCsvLine([...headers, "Problem"])];
  await eachRow(file, delimiter, progress, (values, row) => {
    const reason = why.get(row);
    if (reason !== undefined) parts.push(toCsvLine([...values, reason]));
  });
  return new Blob(parts, { type: "text/csv;charset=utf-8" });
}
