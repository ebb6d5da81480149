/** Upload reads: the file's rows streamed part by part, never the whole file in memory. */
import { gunzipSync } from "node:zlib";
import { getDb } from "../db";
import { readPartRows } from "./csv-part";

export interface UploadInfo {
  id: string;
  teamId: string;
  fileName: string;
  columns: string[];
  state: "open" | "complete";
  partCount: number;
  rowCount: number;
}

export async function getUpload(uploadId: string): Promise<UploadInfo | null> {
  const db = getDb();
  const upload = await db.upload.findUnique({ where: { id: uploadId } });
  if (!upload) return null;
  const { id, teamId, fileName, state, partCount, rowCount } = upload;
  return { id, teamId, fileName, columns: upload.columns as string[], state, partCount, rowCount };
}

export interface UploadRow {
  /** 1-based data row number in the original file (the header is row 0). */
  row: number;
  values: string[];
}

/** Rows `fromRow`..`toRow` (inclusive), read one part at a time. */
export async function* readUploadRows(uploadId: string, fromRow = 1, toRow = Number.MAX_SAFE_INTEGER): AsyncGenerator<UploadRow> {
  const db = getDb();
  const parts = await db.uploadPart.findMany({
    where: { uploadId },
    select: { id: true, firstRow: true, rowCount: true },
    orderBy: { partNumber: "asc" },
  });
  for (const part of parts) {
    const first = part.firstRow ?? 0;
    if (first + part.rowCount <= fromRow || first > toRow) continue;
    const stored = await db.uploadPart.findUniqueOrThrow({ where: { id: part.id }, select: { data: true } });
    const rows = readPartRows(gunzipSync(stored.data).toString("utf8"));
    for (let i = 0; i < rows.length; i += 1) {
      const row = first + i;
      if (row < fromRow) continue;
      if (row > toRow) return;
      yield { row, values: rows[i] };
    }
  }
}
