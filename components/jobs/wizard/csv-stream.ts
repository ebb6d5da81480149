/**
 * A streaming RFC 4180 reader for the wizard's Web Worker: bytes in (any chunking), rows out, nothing kept.
 * Papaparse slices a File by bytes and decodes each slice alone, which breaks a UTF-8 character cut at a
 * slice boundary; here one streaming TextDecoder (fatal, so non-UTF-8 is refused) feeds a small state
 * machine that also reports line endings and quote problems with the row they start on.
 */

export type LineEnding = "LF" | "CRLF" | "CR" | "mixed" | "none";
export type Encoding = "UTF-8" | "UTF-8 with BOM";

export class CsvInputError extends Error {}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Rows of one file; `onRow` gets every record (header first), with its 1-based record number. */
export class CsvStreamParser {
  private field = "";
  private row: string[] = [];
  /** 0 outside quotes, 1 inside, 2 just after a quote inside quotes (closing, or the first of ""). */
  private state = 0;
  private pendingCr = false;
  private quoteRecord = 0;
  private endings = { LF: 0, CRLF: 0, CR: 0 };
  records = 0;
  /** Problems found while reading (a quote closed then followed by text); the record is still emitted. */
  readonly problems: { record: number; message: string }[] = [];

  constructor(
    private readonly delimiter: string,
    private readonly onRow: (values: string[], record: number) => void,
  ) {}

  get delimiterUsed(): string {
    return this.delimiter;
  }

  get lineEnding(): LineEnding {
    const used = (Object.keys(this.endings) as (keyof typeof this.endings)[]).filter((k) => this.endings[k] > 0);
    if (used.length === 0) return "none";
    return used.length === 1 ? used[0] : "mixed";
  }

  private endRow(ending: "LF" | "CRLF" | "CR" | null): void {
    if (ending) this.endings[ending] += 1;
    const row = this.row;
    this.row = [];
    // Blank lines carry no record, as Salesforce and spreadsheet exports treat them.
    if (row.length === 1 && row[0] === "") return;
    this.records += 1;
    this.onRow(row, this.records);
  }

  push(text: string): void {
    // Locals, not fields, in the loop: this runs once per character of files up to 1 GB.
    const delim = this.delimiter.charCodeAt(0);
    let { state, pendingCr, field } = this;
    let start = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (pendingCr) {
        pendingCr = false;
        if (c === LF) {
          this.endings.CRLF += 1;
          start = i + 1;
          continue;
        }
        this.endings.CR += 1;
      }
      if (state === 1) {
        // Jump straight to the next quote: quoted values are copied in one slice.
        const next = text.indexOf('"', i);
        if (next === -1) break;
        i = next;
        field += text.slice(start, i);
        state = 2;
        start = i + 1;
        continue;
      }
      if (state === 2) {
        if (c === QUOTE) {
          field += '"';
          state = 1;
          start = i + 1;
          continue;
        }
        state = 0;
        if (c !== delim && c !== LF && c !== CR) {
          this.problems.push({ record: this.records + 1, message: "a quoted value is followed by text before the next delimiter" });
          continue;
        }
      }
      if (c === delim) {
        this.row.push(field + text.slice(start, i));
        field = "";
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.row.push(field + text.slice(start, i));
        field = "";
        this.endRow(c === LF ? "LF" : null);
        if (c === CR) pendingCr = true;
        start = i + 1;
      } else if (c === QUOTE && field === "" && start === i) {
        state = 1;
        this.quoteRecord = this.records + 1;
        start = i + 1;
      }
    }
    if (state !== 2) field += text.slice(start);
    this.state = state;
    this.pendingCr = pendingCr;
    this.field = field;
  }

  end(): void {
    if (this.pendingCr) {
      this.endings.CR += 1;
      this.pendingCr = false;
    }
    if (this.state === 1) throw new CsvInputError(`A quote opened in ${recordName(this.quoteRecord)} never closes: the file has unbalanced quotes.`);
    if (this.field !== "" || this.row.length > 0) {
      this.row.push(this.field);
      this.field = "";
      this.endRow(null);
    }
  }
}

/** Record 1 is the header; data rows are numbered from 1 as pre-flight and the result files number them. */
export function recordName(record: number): string {
  return record <= 1 ? "the header" : `row ${record - 1}`;
}

export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Looks at the first bytes: BOM, UTF-16, binary content. Returns how many bytes to skip. */
export function sniffBytes(head: Uint8Array, fileSize: number): { encoding: Encoding; skip: number } {
  if (fileSize === 0) throw new CsvInputError("The file is empty.");
  if (fileSize > MAX_FILE_BYTES) {
    throw new CsvInputError(`The file is ${(fileSize / 1024 ** 3).toFixed(1)} GB; one upload takes at most 1 GB. Split it into several files.`);
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new CsvInputError("The file is UTF-16 text. Save it as “CSV UTF-8” (in Excel: Save As → CSV UTF-8) and pick it again.");
  }
  if (head.subarray(0, 4096).includes(0)) throw new CsvInputError("The file holds binary data (NUL bytes), not CSV text.");
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  return { encoding: bom ? "UTF-8 with BOM" : "UTF-8", skip: bom ? 3 : 0 };
}

/**
 * Streams a file's text through `onText`, decoding UTF-8 strictly. Invalid bytes or a NUL anywhere
 * stop the read with a message; the caller can await between chunks (upload back-pressure).
 */
export async function readText(file: Blob, onText: (text: string, bytesRead: number) => void | Promise<void>): Promise<Encoding> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let bytesRead = 0;
  let encoding: Encoding | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let bytes = value;
    if (encoding === null) {
      const sniffed = sniffBytes(bytes, file.size);
      encoding = sniffed.encoding;
      bytes = bytes.subarray(sniffed.skip);
    }
    bytesRead += value.byteLength;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      await reader.cancel();
      throw new CsvInputError(`The file is not valid UTF-8 text (near byte ${bytesRead.toLocaleString("en-US")}). Save it as “CSV UTF-8” and pick it again.`);
    }
    if (text.includes("\u0000")) {
      await reader.cancel();
      throw new CsvInputError("The file holds binary data (NUL bytes), not CSV text.");
    }
    await onText(text, bytesRead);
  }
  if (encoding === null) sniffBytes(new Uint8Array(0), 0);
  try {
    const rest = decoder.decode();
    if (rest) await onText(rest, bytesRead);
  } catch {
    throw new CsvInputError("The file is not valid UTF-8 text (it ends inside a character).");
  }
  return encoding ?? "UTF-8";
}

/** RFC 4180 for the server: comma, LF, quotes only where needed. */
export function toCsvLine(values: readonly string[]): string {
  return values.map((v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",") + "\n";
}
