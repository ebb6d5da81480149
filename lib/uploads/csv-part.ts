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

/** 1-based line of a character offset, for messages that point at the place to fix. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}

export function decodePart(bytes: Uint8Array, partNumber: number): string {
  // UTF-16 is full of NUL bytes; say what it is rather than calling it binary.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw invalid(`Part ${partNumber} is UTF-16 text; save the file as UTF-8 ("CSV UTF-8" in Excel) and upload it again.`);
  }
  if (bytes.includes(0)) throw invalid(`Part ${partNumber} contains binary data (NUL bytes); upload a UTF-8 CSV file.`);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw invalid(`Part ${partNumber} is not valid UTF-8; save the file as UTF-8 and upload it again.`);
  }
  // A BOM only belongs at the start of the file, which is the start of part 1.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Anywhere else it is debris of joined files (often with a second header row), never data.
  const bom = text.indexOf("\uFEFF");
  if (bom !== -1) {
    throw invalid(`Part ${partNumber}, line ${lineOf(text, bom)}: a stray byte-order mark (U+FEFF) in the middle of the file, often left by joining two files; remove it and upload again.`);
  }
  // A browser or tool that read a non-UTF-8 file as UTF-8 leaves U+FFFD where each character was.
  const replaced = text.indexOf("\uFFFD");
  if (replaced !== -1) {
    throw invalid(`Part ${partNumber}, line ${lineOf(text, replaced)}: the replacement character � shows the file was not read as UTF-8; save it as UTF-8 and upload it again.`);
  }
  return text;
}

export function parsePart(text: string, columnCount: number, partNumber: number): ParsedPart {
  if (text.trim() === "") throw invalid(`Part ${partNumber} is empty.`);
  // Mixed line endings (CRLF, LF, lone CR) are accepted; inside quoted values they become LF as well.
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, "\n"), { delimiter: ",", newline: "\n", skipEmptyLines: true });
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
