/** Validates one uploaded CSV part at the boundary and normalizes it (LF, RFC 4180 quoting). */
import Papa from "papaparse";
import { AppError } from "../errors";

export interface ParsedPart {
  /** Normalized CSV of the data rows, no header, LF line endings, trailing newline. */
  csv: string;
  rowCount: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function invalid(message: string): AppError {
  return new AppError("VALIDATION", message, { status: 400 });
}

export function decodePart(bytes: Uint8Array, partNumber: number): string {
  if (bytes.includes(0)) throw invalid(`Part ${partNumber} contains binary data (NUL bytes); upload a UTF-8 CSV file.`);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw invalid(`Part ${partNumber} is not valid UTF-8; save the file as UTF-8 and upload it again.`);
  }
  // A BOM only belongs at the start of the file, which is the start of part 1.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parsePart(text: string, columnCount: number, partNumber: number): ParsedPart {
  if (text.trim() === "") throw invalid(`Part ${partNumber} is empty.`);
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: true });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) {
    throw invalid(`Part ${partNumber}, row ${(quoteError.row ?? 0) + 1}: unbalanced quotes (${quoteError.message}).`);
  }
  const rows = parsed.data;
  rows.forEach((row, index) => {
    if (row.length !== columnCount) {
      throw invalid(`Part ${partNumber}, row ${index + 1}: ${row.length} fields where the header has ${columnCount}.`);
    }
  });
  // A one-column row holding "" would otherwise become an empty line, which readers skip.
  const quotes = columnCount === 1 ? (value: unknown) => value === "" : false;
  return { csv: Papa.unparse(rows, { newline: "\n", quotes }) + "\n", rowCount: rows.length };
}

/** Reads normalized part text back into rows. */
export function readPartRows(csv: string): string[][] {
  return Papa.parse<string[]>(csv, { delimiter: ",", newline: "\n", skipEmptyLines: true }).data;
}
