/**
 * The byte-level core of the CSV splitter. It only finds record boundaries (quote-aware, via native
 * `Buffer.indexOf`), never parses fields, which is what makes splitting faster than a full CSV parse.
 * Records are copied out as slices of the input chunks; nothing beyond the current part is retained.
 */
import { CsvLimitError, checkLongRecord } from "./limits";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface SplitterLimits {
  /** Records per part, header excluded. */
  maxRecords: number;
  /** Bytes per part, header included (UTF-8 bytes ≥ characters, so this also bounds characters). */
  maxBytes: number;
  maxFieldChars: number;
  maxRecordChars: number;
}

export interface CsvPart {
  /** 0-based part number. */
  index: number;
  /** Header row, line ending, then the part's records, each ending with the chosen line ending. */
  body: Buffer;
  records: number;
  bytes: number;
  /** 1-based number of the part's first data record in the whole input (the header is record 0). */
  firstRecord: number;
}

export class CsvSplitterCore {
  private readonly eol: Buffer;
  private header: Buffer | null = null;
  private pieces: Buffer[] = [];
  private partBytes = 0;
  private partRecords = 0;
  private partFirst = 1;
  private partIndex = 0;
  private recordNo = 0;
  private carry: Buffer | null = null;
  private started = false;
  private out: CsvPart[] = [];

  constructor(private readonly limits: SplitterLimits, lineEnding: "LF" | "CRLF") {
    this.eol = Buffer.from(lineEnding === "CRLF" ? "\r\n" : "\n");
  }

  get recordsSeen(): number {
    return this.recordNo;
  }

  /** Feeds one chunk; returns the parts it completed (usually none). */
  push(chunk: Buffer): CsvPart[] {
    let buf = this.carry && this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    if (!this.started) {
      // Wait for three bytes so a UTF-8 BOM split across chunks is still recognized and stripped.
      if (buf.length < 3) {
        this.carry = buf;
        return [];
      }
      buf = this.stripBom(buf);
    }
    this.scan(buf, false);
    return this.drain();
  }

  /** Flushes the last record (which may lack a line ending) and the last part. */
  end(): CsvPart[] {
    let rest = this.carry;
    this.carry = null;
    if (rest && !this.started) rest = this.stripBom(rest);
    if (rest && rest.length > 0) this.scan(rest, true);
    if (this.partRecords > 0) this.emit();
    return this.drain();
  }

  private stripBom(buf: Buffer): Buffer {
    this.started = true;
    return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  }

  private drain(): CsvPart[] {
    const parts = this.out;
    this.out = [];
    return parts;
  }

  private scan(buf: Buffer, final: boolean): void {
    const length = buf.length;
    const eolLength = this.eol.length;
    let pos = 0;
    let runStart = 0;
    let nextQuote = buf.indexOf(QUOTE, 0);
    let nextLf = buf.indexOf(LF, 0);
    while (pos < length) {
      let i = pos;
      if (nextLf !== -1 && nextLf < pos) nextLf = buf.indexOf(LF, pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf(QUOTE, pos);
      // Walk through quoted sections that start before the next newline; newlines inside them don't count.
      let incomplete = false;
      while (nextQuote !== -1 && (nextLf === -1 || nextQuote < nextLf)) {
        let close = buf.indexOf(QUOTE, nextQuote + 1);
        while (close !== -1 && close + 1 < length && buf[close + 1] === QUOTE) close = buf.indexOf(QUOTE, close + 2);
        if (close === -1 || (close + 1 >= length && !final)) {
          incomplete = true;
          break;
        }
        i = close + 1;
        nextQuote = buf.indexOf(QUOTE, i);
        if (nextLf !== -1 && nextLf < i) nextLf = buf.indexOf(LF, i);
      }
      if (incomplete && final) throw new CsvLimitError(`Record ${this.recordNo + (this.header ? 1 : 0)} has an unterminated quoted field`, this.recordNo + 1);
      let end = nextLf;
      if (incomplete || end === -1) {
        if (!final) break;
        end = length;
      }
      const contentEnd = end > pos && buf[end - 1] === CR ? end - 1 : end;
      const terminatorMatches = end < length && end - contentEnd + 1 === eolLength;
      const nextPos = end < length ? end + 1 : length;
      if (contentEnd === pos) {
        // Blank line: drop it (Salesforce rejects empty rows).
        if (pos > runStart) this.pieces.push(buf.subarray(runStart, pos));
        pos = nextPos;
        runStart = pos;
        continue;
      }
      if (this.header === null) {
        checkLongRecord(buf.subarray(pos, contentEnd), 0, this.limits);
        this.header = Buffer.from(buf.subarray(pos, contentEnd));
        this.partBytes = this.header.length + eolLength;
        pos = nextPos;
        runStart = pos;
        continue;
      }
      const recordNumber = this.recordNo + 1;
      const contentLength = contentEnd - pos;
      if (contentLength > this.limits.maxFieldChars) checkLongRecord(buf.subarray(pos, contentEnd), recordNumber, this.limits);
      const outBytes = contentLength + eolLength;
      if (this.partRecords > 0 && (this.partRecords >= this.limits.maxRecords || this.partBytes + outBytes > this.limits.maxBytes)) {
        if (pos > runStart) this.pieces.push(buf.subarray(runStart, pos));
        runStart = pos;
        this.emit();
      }
      if (this.header.length + eolLength + outBytes > this.limits.maxBytes) {
        throw new CsvLimitError(`Record ${recordNumber} is larger than the ${this.limits.maxBytes}-byte part limit`, recordNumber);
      }
      this.recordNo = recordNumber;
      this.partRecords += 1;
      this.partBytes += outBytes;
      if (!terminatorMatches) {
        if (pos > runStart) this.pieces.push(buf.subarray(runStart, pos));
        this.pieces.push(buf.subarray(pos, contentEnd), this.eol);
        runStart = nextPos;
      }
      pos = nextPos;
    }
    if (pos > runStart) this.pieces.push(buf.subarray(runStart, pos));
    if (pos < length) {
      const rest = buf.subarray(pos);
      if (rest.length > this.limits.maxRecordChars * 4) {
        throw new CsvLimitError(`Record ${this.recordNo + 1} exceeds ${this.limits.maxRecordChars} characters (or has an unbalanced quote)`, this.recordNo + 1);
      }
      this.carry = rest;
    }
  }

  private emit(): void {
    const header = this.header!;
    const body = Buffer.concat([header, this.eol, ...this.pieces], this.partBytes);
    this.out.push({ index: this.partIndex, body, records: this.partRecords, bytes: body.length, firstRecord: this.partFirst });
    this.partIndex += 1;
    this.partFirst = this.recordNo + 1;
    this.pieces = [];
    this.partRecords = 0;
    this.partBytes = header.length + this.eol.length;
  }
}
