/**
 * The wizard's Web Worker reads CSV here: bytes in (any chunking), rows out, nothing kept.
 * Papaparse's own File streaming slices a File by bytes and decodes each slice alone, which breaks a UTF-8
 * character cut at a slice boundary. So one streaming TextDecoder (fatal, so non-UTF-8 is refused) decodes
 * the bytes, and the decoded text is handed to papaparse through a small Node-style stream adapter
 * (`readable`, `read`, `on`, pause/resume), which papaparse reads with its ReadableStreamStreamer.
 * Papaparse does the tokenizing (delimiters, quotes, escaped quotes, quote errors); this file keeps the row
 * numbers, the line-ending report and the messages.
 */
import Papa from "papaparse";

export type LineEnding = "LF" | "CRLF" | "CR" | "mixed" | "none";
export type Encoding = "UTF-8" | "UTF-8 with BOM";

export class CsvInputError extends Error {}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPECIAL = /["\n\r]/g;
/** A record still open after this much text is not a record: almost always a quote that never closes. */
const MAX_OPEN_RECORD_CHARS = 8 * 1024 * 1024;

const isSpace = (c: number, char: string) => c === 32 || c === 9 || c === 11 || c === 12 || (c > 127 && /\s/.test(char));

/**
 * Finds the record-ending line breaks (outside quotes, with papaparse's quote rules) so the line endings can
 * be reported, and turns CR and CRLF into LF, so papaparse reads files with mixed endings; line breaks inside
 * quoted values are kept as they are.
 */
class LineBreaks {
  /** 0 outside quotes, 1 inside, 2 just after a quote inside quotes (closing, or the first of ""). */
  state = 0;
  private pendingCr = false;
  /** The character before the current text (-1 at the start of the file). */
  private last = -1;
  readonly seen = { LF: false, CRLF: false, CR: false };

  constructor(private readonly delim: number) {}

  normalize(text: string): string {
    const n = text.length;
    if (n === 0) return text;
    const delim = this.delim;
    let { state } = this;
    let out = "";
    let start = 0;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === LF) {
        this.seen.CRLF = true;
        start = i = 1;
      } else this.seen.CR = true;
    }
    // Plain text (no quotes, no CR) outside quotes: nothing to change, only whether it breaks lines.
    if (state === 0 && text.indexOf('"', i) === -1 && text.indexOf("\r", i) === -1) {
      if (text.indexOf("\n", i) !== -1) this.seen.LF = true;
      this.last = text.charCodeAt(n - 1);
      return start === 0 ? text : text.slice(start);
    }
    while (i < n) {
      if (state === 1) {
        const next = text.indexOf('"', i);
        if (next === -1) break;
        state = 2;
        i = next + 1;
        continue;
      }
      if (state === 2) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          state = 1;
          i += 1;
          continue;
        }
        if (c !== delim && c !== LF && c !== CR) {
          // Spaces may sit between a closing quote and the delimiter; any other text and the value goes on.
          if (!isSpace(c, text[i])) state = 1;
          i += 1;
          continue;
        }
        state = 0;
      }
      SPECIAL.lastIndex = i;
      const found = SPECIAL.exec(text);
      if (!found) break;
      const j = found.index;
      const c = text.charCodeAt(j);
      i = j + 1;
      if (c === QUOTE) {
        // A quote opens a quoted value only at the start of a field, as papaparse reads it.
        const prev = j === 0 ? this.last : text.charCodeAt(j - 1);
        if (prev === -1 || prev === delim || prev === LF || prev === CR) state = 1;
      } else if (c === LF) {
        this.seen.LF = true;
      } else if (j + 1 === n) {
        out += text.slice(start, j) + "\n";
        start = n;
        this.pendingCr = true;
      } else if (text.charCodeAt(j + 1) === LF) {
        this.seen.CRLF = true;
        out += text.slice(start, j) + "\n";
        start = i = j + 2;
      } else {
        this.seen.CR = true;
        out += text.slice(start, j) + "\n";
        start = i;
      }
    }
    this.state = state;
    this.last = text.charCodeAt(n - 1);
    return start === 0 ? text : out + text.slice(start);
  }

  end(): void {
    if (this.pendingCr) this.seen.CR = true;
    this.pendingCr = false;
  }
}

type Listener = (value?: unknown) => void;

/**
 * The decoded text as the Node readable stream papaparse's ReadableStreamStreamer expects (`readable`, `read`,
 * `on`, `removeListener`, `pause`, `resume`; "data", "end" and "error" events). Papaparse handles each "data"
 * chunk before `write` returns, so the reader (readText) cannot run ahead of the rows: back-pressure comes from
 * readText awaiting its consumer before it reads the next chunk, and only one chunk plus the open record is held.
 */
class TextStream {
  readonly readable = true;
  private listeners = new Map<string, Listener[]>();
  private paused = false;
  private queued: string[] = [];

  read(): null {
    return null;
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }

  /** Papaparse pauses the input when its handle is paused; chunks written meanwhile wait here. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    while (!this.paused && this.queued.length) this.emit("data", this.queued.shift());
  }

  write(text: string): void {
    if (this.paused) this.queued.push(text);
    else this.emit("data", text);
  }

  end(): void {
    this.resume();
    this.emit("end");
  }

  private emit(event: string, value?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(value);
  }
}

/** Rows of one file; `onRow` gets every record (header first), with its 1-based record number. */
export class CsvStreamParser {
  private readonly breaks: LineBreaks;
  private readonly stream = new TextStream();
  private failure: unknown = null;
  private fed = 0;
  private consumed = 0;
  records = 0;
  /** Problems found while reading (a quote closed then followed by text); the record is still emitted. */
  readonly problems: { record: number; message: string }[] = [];

  constructor(
    private readonly delimiter: string,
    private readonly onRow: (values: string[], record: number) => void,
  ) {
    this.breaks = new LineBreaks(delimiter.charCodeAt(0));
    Papa.parse<string[]>(this.stream as unknown as NodeJS.ReadableStream, {
      delimiter,
      newline: "\n",
      quoteChar: '"',
      chunk: (results) => this.take(results),
      // Every row went through `chunk`; nothing is gathered for the end.
      complete: () => undefined,
      // Papaparse catches what a callback throws (a bad row, an upload refusal) and hands it here.
      error: (error: unknown) => {
        this.failure ??= error;
      },
    });
  }

  get delimiterUsed(): string {
    return this.delimiter;
  }

  get lineEnding(): LineEnding {
    const used = (Object.keys(this.breaks.seen) as (keyof LineBreaks["seen"])[]).filter((k) => this.breaks.seen[k]);
    if (used.length === 0) return "none";
    return used.length === 1 ? used[0] : "mixed";
  }

  private take(results: Papa.ParseResult<string[]>): void {
    if (this.failure) return;
    const recordOf: number[] = [];
    for (const row of results.data) {
      // Blank lines carry no record, as Salesforce and spreadsheet exports treat them.
      if (row.length === 1 && row[0] === "") {
        recordOf.push(this.records);
        continue;
      }
      this.records += 1;
      recordOf.push(this.records);
      this.onRow(row, this.records);
    }
    this.consumed = results.meta.cursor;
    for (const error of results.errors) {
      // Errors of the open last record come back on every chunk until it ends; count them when it does.
      if (error.type !== "Quotes" || error.row === undefined || error.row >= recordOf.length) continue;
      const record = recordOf[error.row];
      if (error.code === "MissingQuotes") {
        throw new CsvInputError(`A quote opened in ${recordName(record)} never closes: the file has unbalanced quotes.`);
      }
      if (this.problems.at(-1)?.record !== record) {
        this.problems.push({ record, message: "a quoted value is followed by text before the next delimiter" });
      }
    }
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.fed - this.consumed > MAX_OPEN_RECORD_CHARS) {
      const where = recordName(this.records + 1);
      throw new CsvInputError(
        this.breaks.state !== 0
          ? `A quote opened in ${where} never closes: the file has unbalanced quotes.`
          : `${where[0].toUpperCase()}${where.slice(1)} is longer than ${MAX_OPEN_RECORD_CHARS / 1024 / 1024} million characters without a line break: this is not a CSV file.`,
      );
    }
  }

  push(text: string): void {
    if (this.failure) throw this.failure;
    const normalized = this.breaks.normalize(text);
    if (!normalized) return;
    this.fed += normalized.length;
    this.stream.write(normalized);
    this.check();
  }

  end(): void {
    if (this.failure) throw this.failure;
    this.breaks.end();
    this.stream.end();
    if (this.failure) throw this.failure;
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
