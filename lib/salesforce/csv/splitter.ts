/**
 * Streaming CSV splitter: any size of input in, Bulk-sized parts out, each starting with the header row.
 * v1 parts hold ≤ 10,000 records and ≤ 10,000,000 bytes (so also ≤ 10 MB and ≤ 10,000,000 characters);
 * v2 parts hold ≤ 100,000,000 bytes. Memory stays bounded by one part plus one input chunk.
 */
import { MAX_FIELD_CHARS, MAX_RECORD_CHARS } from "./limits";
import { CsvSplitterCore, type CsvPart, type SplitterLimits } from "./scanner";

export type CsvSource = string | Uint8Array | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | ReadableStream<Uint8Array>;

export const V1_PART_LIMITS: SplitterLimits = { maxRecords: 10_000, maxBytes: 10_000_000, maxFieldChars: MAX_FIELD_CHARS, maxRecordChars: MAX_RECORD_CHARS };
export const V2_PART_LIMITS: SplitterLimits = { maxRecords: Number.POSITIVE_INFINITY, maxBytes: 100_000_000, maxFieldChars: MAX_FIELD_CHARS, maxRecordChars: MAX_RECORD_CHARS };

export interface SplitCsvOptions {
  /** `v1` batches (default) or `v2` uploads; individual limits can be lowered further with `limits`. */
  target?: "v1" | "v2";
  limits?: Partial<SplitterLimits>;
  /** Line ending of the output records (Bulk 2.0 jobs must match their `lineEnding`). Default LF. */
  lineEnding?: "LF" | "CRLF";
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function isWebStream(source: CsvSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === "function";
}

async function* chunksOf(source: CsvSource): AsyncGenerator<Buffer> {
  if (typeof source === "string" || source instanceof Uint8Array) {
    yield toBuffer(source);
    return;
  }
  if (isWebStream(source)) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield toBuffer(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) yield toBuffer(chunk);
}

function partLimits(options: SplitCsvOptions = {}): SplitterLimits {
  return { ...(options.target === "v2" ? V2_PART_LIMITS : V1_PART_LIMITS), ...options.limits };
}

/** Splits CSV into parts; throws CsvLimitError naming the record when a field or record is too long. */
export async function* splitCsv(source: CsvSource, options: SplitCsvOptions = {}): AsyncGenerator<CsvPart> {
  const core = new CsvSplitterCore(partLimits(options), options.lineEnding ?? "LF");
  for await (const chunk of chunksOf(source)) {
    for (const part of core.push(chunk)) yield part;
  }
  for (const part of core.end()) yield part;
}

export type { CsvPart, SplitterLimits };
