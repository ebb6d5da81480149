/** Parses batch bodies (CSV, XML, JSON) into DML rows; whole-batch problems become a stateMessage. */
import Papa from "papaparse";
import type { DmlNestedValue, DmlRow, DmlValue } from "../org";
import { parseXml } from "../protocols/common/xml-parse";

export class BatchFailure extends Error {
  /** Rendered as the batch stateMessage / v2 errorMessage: `${code} : ${message}`. */
  readonly stateMessage: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "BatchFailure";
    this.stateMessage = `${code} : ${message}`;
  }
}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Parses CSV with the given delimiter; rows keep every cell as text, short rows are padded with "". */
export function parseCsv(text: string, delimiter = ","): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) throw new BatchFailure("InvalidBatch", "Records not found");
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: true });
  const quoteError = parsed.errors.find((error) => error.type === "Quotes");
  if (quoteError) {
    throw new BatchFailure("ClientInputError", `Failed to parse CSV: ${quoteError.message} at row ${quoteError.row ?? 0}`);
  }
  const [header, ...rows] = parsed.data;
  if (!header || header.every((cell) => cell.trim() === "")) throw new BatchFailure("InvalidBatch", "Records not found");
  const width = header.length;
  for (const row of rows) while (row.length < width) row.push("");
  return { header: header.map((cell) => cell.trim()), rows };
}

/** Bulk 2.0: the data's line breaks must match the job's `lineEnding`, judged on the header row's break. */
export function checkLineEnding(text: string, lineEnding: "LF" | "CRLF"): void {
  const newline = text.indexOf("\n");
  if (newline === -1) return;
  const crlf = newline > 0 && text[newline - 1] === "\r";
  if ((lineEnding === "LF" && crlf) || (lineEnding === "CRLF" && !crlf)) {
    throw new BatchFailure("ClientInputError", `LineEnding is invalid on user data. Current LineEnding setting is ${lineEnding}`);
  }
}

/**
 * Splits CSV text into its header line and raw slices of up to `rowsPerPart` rows, without parsing
 * cells: a line feed ends a row only outside double quotes (`""` toggles twice, so it cancels out).
 * Slices keep the uploaded bytes, delimiter and line endings untouched.
 */
export function splitCsvRows(text: string, rowsPerPart: number): { header: string; parts: string[] } {
  let inQuotes = false;
  let headerEnd = -1;
  let partStart = 0;
  let rows = 0;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 34) {
      inQuotes = !inQuotes;
    } else if (code === 10 && !inQuotes) {
      if (headerEnd === -1) {
        headerEnd = i + 1;
        partStart = headerEnd;
      } else if (++rows === rowsPerPart) {
        parts.push(text.slice(partStart, i + 1));
        partStart = i + 1;
        rows = 0;
      }
    }
  }
  if (headerEnd === -1) return { header: text, parts: [] };
  const rest = text.slice(partStart);
  if (rest.trim()) parts.push(rest);
  return { header: text.slice(0, headerEnd), parts };
}

export function csvRowsToDml(header: string[], rows: string[][]): DmlRow[] {
  return rows.map((row) => {
    const record: DmlRow = {};
    for (let i = 0; i < header.length; i += 1) record[header[i]] = row[i] ?? "";
    return record;
  });
}

function xmlValue(node: unknown): DmlValue | DmlNestedValue {
  if (node === null || node === undefined) return "";
  if (typeof node !== "object") return String(node);
  const element = node as Record<string, unknown>;
  if (element["@nil"] === "true") return null;
  if ("sObject" in element) {
    const inner = element.sObject as Record<string, unknown>;
    const nested: DmlNestedValue = {};
    for (const [key, value] of Object.entries(inner)) {
      if (key.startsWith("@")) continue;
      if (key === "type") nested.attributes = { type: String(value) };
      else nested[key] = xmlValue(value) as DmlValue;
    }
    return nested;
  }
  return "#text" in element ? String(element["#text"]) : "";
}

/** `<sObjects><sObject>…</sObject></sObjects>`; `xsi:nil="true"` is null, nested `<sObject>` a relationship. */
export function parseXmlRows(text: string): DmlRow[] {
  const doc = parseXml(text);
  const root = doc?.sObjects;
  if (root === undefined) throw new BatchFailure("InvalidBatch", "Failed to parse XML. Found invalid XML or no sObjects element");
  if (root === "" || root === null) return [];
  const list = (root as Record<string, unknown>).sObject;
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.map((item) => {
    const record: DmlRow = {};
    for (const [key, value] of Object.entries((item ?? {}) as Record<string, unknown>)) {
      if (!key.startsWith("@")) record[key] = xmlValue(value);
    }
    return record;
  });
}

/** A JSON array of records; nested objects are relationships, `null` sets null. */
export function parseJsonRows(text: string): DmlRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BatchFailure("InvalidBatch", `Failed to parse JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) throw new BatchFailure("InvalidBatch", "Failed to parse JSON: expected an array of records");
  return value.map((item) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw new BatchFailure("InvalidBatch", "Failed to parse JSON: every record must be an object");
    }
    const record: DmlRow = {};
    for (const [key, field] of Object.entries(item as Record<string, unknown>)) {
      if (key === "attributes") continue;
      record[key] = field as DmlValue | DmlNestedValue;
    }
    return record;
  });
}

export const DELIMITERS: Record<string, string> = {
  COMMA: ",",
  TAB: "\t",
  PIPE: "|",
  SEMICOLON: ";",
  CARET: "^",
  BACKQUOTE: "`",
};
