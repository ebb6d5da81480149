/** Cuts the next v1 batch or v2 job out of the stored upload parts, within Salesforce's limits. */
import { readUploadRows } from "../uploads/data";
import { toCsvRow, type Projection } from "./projection";

export interface ChunkLimits {
  maxRecords: number;
  maxBytes: number;
}

export interface Chunk {
  firstRow: number;
  rowCount: number;
  byteSize: number;
  csv: string;
}

/**
 * Rows from `fromRow` on, until a limit is reached. With `exactRowCount` (rebuilding a recorded intent)
 * the same rows come back, so a resubmission after a crash sends exactly what the intent described.
 */
export async function buildChunk(
  uploadId: string,
  projection: Projection,
  fromRow: number,
  limits: ChunkLimits,
  exactRowCount?: number,
): Promise<Chunk | null> {
  const headerLine = toCsvRow(projection.header);
  const lines: string[] = [headerLine];
  let bytes = Buffer.byteLength(headerLine);
  let rowCount = 0;
  const lastRow = exactRowCount === undefined ? undefined : fromRow + exactRowCount - 1;
  for await (const { values } of readUploadRows(uploadId, fromRow, lastRow)) {
    const line = toCsvRow(projection.project(values));
    const size = Buffer.byteLength(line);
    if (exactRowCount === undefined && rowCount > 0 && (rowCount >= limits.maxRecords || bytes + size > limits.maxBytes)) break;
    lines.push(line);
    bytes += size;
    rowCount += 1;
  }
  if (rowCount === 0) return null;
  return { firstRow: fromRow, rowCount, byteSize: bytes, csv: lines.join("") };
}

/** The uploaded values a chunk sent, row by row: what v2 results are matched against. */
export async function readChunkValues(uploadId: string, projection: Projection, firstRow: number, rowCount: number) {
  const rows: { row: number; values: string[] }[] = [];
  for await (const { row, values } of readUploadRows(uploadId, firstRow, firstRow + rowCount - 1)) {
    rows.push({ row, values: projection.project(values) });
  }
  return rows;
}
