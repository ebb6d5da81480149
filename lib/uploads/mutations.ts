/** Upload writes: create, store a part (idempotent by number + checksum), complete. */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import Papa from "papaparse";
import { AppError } from "../errors";
import { getDb } from "../db";
import { decodePart, parsePart } from "./csv-part";
import { MAX_PART_BYTES, MAX_UPLOAD_BYTES } from "./limits";
import type { CompleteUploadInput, CreateUploadInput } from "./schema";

export interface UploadSummary {
  id: string;
  fileName: string;
  columns: string[];
  state: "open" | "complete";
  partCount: number;
  rowCount: number;
}

export async function createUpload(teamId: string, userId: string | null, input: CreateUploadInput): Promise<UploadSummary> {
  const db = getDb();
  const upload = await db.upload.create({
    data: { teamId, createdById: userId, fileName: input.fileName, columns: input.columns },
  });
  return { id: upload.id, fileName: upload.fileName, columns: input.columns, state: "open", partCount: 0, rowCount: 0 };
}

async function openUploadOf(teamId: string, uploadId: string) {
  const db = getDb();
  const upload = await db.upload.findFirst({ where: { id: uploadId, teamId } });
  if (!upload) throw new AppError("NOT_FOUND", "Upload not found.");
  return upload;
}

export interface StoredPart {
  partNumber: number;
  checksum: string;
  rowCount: number;
  /** False when the same part with the same checksum was already stored (a resend). */
  stored: boolean;
}

export async function putUploadPart(
  teamId: string,
  uploadId: string,
  partNumber: number,
  body: Uint8Array,
  claimedChecksum?: string,
): Promise<StoredPart> {
  const db = getDb();
  if (body.byteLength > MAX_PART_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Parts are limited to ${MAX_PART_BYTES / 1024 / 1024} MB; this one has ${body.byteLength} bytes.`);
  }
  const upload = await openUploadOf(teamId, uploadId);
  const checksum = createHash("sha256").update(body).digest("hex");
  if (claimedChecksum && claimedChecksum.toLowerCase() !== checksum) {
    throw new AppError("VALIDATION", `Part ${partNumber} arrived damaged (checksum mismatch); send it again.`, { status: 400 });
  }
  const existing = await db.uploadPart.findUnique({
    where: { uploadId_partNumber: { uploadId, partNumber } },
    select: { checksum: true, rowCount: true },
  });
  if (existing?.checksum === checksum) return { partNumber, checksum, rowCount: existing.rowCount, stored: false };
  if (upload.state === "complete") throw new AppError("CONFLICT", "This upload is already complete; start a new upload to change it.");
  if (Number(upload.byteSize) + body.byteLength > MAX_UPLOAD_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Uploads are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB in total.`);
  }
  const columns = upload.columns as string[];
  const part = parsePart(decodePart(body, partNumber), columns.length, partNumber);
  const data = gzipSync(part.csv);
  const fields = { checksum, byteSize: body.byteLength, rowCount: part.rowCount, data };
  // A resend with other bytes replaces the part: while open, the client's latest split is authoritative.
  await db.$transaction([
    db.uploadPart.upsert({
      where: { uploadId_partNumber: { uploadId, partNumber } },
      create: { uploadId, partNumber, ...fields },
      update: fields,
    }),
    db.upload.update({ where: { id: uploadId }, data: { byteSize: { increment: body.byteLength } } }),
  ]);
  return { partNumber, checksum, rowCount: part.rowCount, stored: true };
}

/** Checks the part sequence 1..N and the row count, then numbers every part's first row. */
export async function completeUpload(teamId: string, uploadId: string, input: CompleteUploadInput): Promise<UploadSummary> {
  const db = getDb();
  const upload = await openUploadOf(teamId, uploadId);
  const parts = await db.uploadPart.findMany({
    where: { uploadId },
    select: { id: true, partNumber: true, rowCount: true },
    orderBy: { partNumber: "asc" },
  });
  const present = new Set(parts.map((p) => p.partNumber));
  const missing: number[] = [];
  for (let n = 1; n <= input.partCount; n += 1) if (!present.has(n)) missing.push(n);
  if (missing.length) {
    throw new AppError("VALIDATION", `Parts missing: ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? "…" : ""}. Send them, then complete again.`, { status: 400 });
  }
  const extra = parts.filter((p) => p.partNumber > input.partCount).map((p) => p.partNumber);
  if (extra.length) throw new AppError("VALIDATION", `Parts beyond ${input.partCount} were received: ${extra.join(", ")}.`, { status: 400 });
  const rowCount = parts.reduce((sum, p) => sum + p.rowCount, 0);
  if (input.rowCount !== undefined && input.rowCount !== rowCount) {
    throw new AppError("VALIDATION", `The file was announced with ${input.rowCount} rows but the parts hold ${rowCount}.`, { status: 400 });
  }
  if (upload.state === "complete") {
    return { id: upload.id, fileName: upload.fileName, columns: upload.columns as string[], state: "complete", partCount: upload.partCount, rowCount: upload.rowCount };
  }
  let firstRow = 1;
  const numbering = parts.map((p) => {
    const update = db.uploadPart.update({ where: { id: p.id }, data: { firstRow } });
    firstRow += p.rowCount;
    return update;
  });
  await db.$transaction([
    ...numbering,
    db.upload.update({
      where: { id: uploadId },
      data: { state: "complete", partCount: input.partCount, rowCount, completedAt: new Date() },
    }),
  ]);
  return { id: upload.id, fileName: upload.fileName, columns: upload.columns as string[], state: "complete", partCount: input.partCount, rowCount };
}

/** A complete upload written server-side from rows (the failed and unprocessed rows of a job, for a retry). */
export async function createUploadFromRows(
  teamId: string,
  userId: string | null,
  fileName: string,
  columns: string[],
  rows: AsyncIterable<string[]>,
): Promise<UploadSummary> {
  const db = getDb();
  const upload = await db.upload.create({ data: { teamId, createdById: userId, fileName, columns } });
  let partNumber = 0;
  let rowCount = 0;
  let byteSize = 0;
  let firstRow = 1;
  let lines: string[][] = [];
  let bytes = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    partNumber += 1;
    const quotes = columns.length === 1 ? (value: unknown) => value === "" : false;
    const csv = Papa.unparse(lines, { newline: "\n", quotes }) + "\n";
    await db.uploadPart.create({
      data: { uploadId: upload.id, partNumber, checksum: createHash("sha256").update(csv).digest("hex"), byteSize: Buffer.byteLength(csv), rowCount: lines.length, firstRow, data: gzipSync(csv) },
    });
    firstRow += lines.length;
    byteSize += Buffer.byteLength(csv);
    lines = [];
    bytes = 0;
  };
  for await (const values of rows) {
    lines.push(values);
    rowCount += 1;
    bytes += values.reduce((sum, v) => sum + v.length + 3, 1);
    if (bytes >= MAX_PART_BYTES * 0.9) await flush();
  }
  await flush();
  await db.upload.update({ where: { id: upload.id }, data: { state: "complete", partCount: partNumber, rowCount, byteSize, completedAt: new Date() } });
  return { id: upload.id, fileName, columns, state: "complete", partCount: partNumber, rowCount };
}
