/** Result storage: written the moment a batch finishes, gzip-compressed, idempotent per batch and page. */
import { gzipSync } from "node:zlib";
import { getDb } from "../db";
import { encodeOutcomes, type RowOutcome } from "./outcomes";

export async function storeBatchOutcomes(bulkJobId: string, batchId: string, outcomes: readonly RowOutcome[]): Promise<void> {
  const data = gzipSync(encodeOutcomes(outcomes));
  const count = (status: RowOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  const db = getDb();
  await db.$transaction([
    db.bulkJobResult.upsert({
      where: { batchId_page: { batchId, page: 0 } },
      create: { bulkJobId, batchId, page: 0, rowCount: outcomes.length, data },
      update: { rowCount: outcomes.length, data },
    }),
    db.salesforceBatch.update({
      where: { id: batchId },
      data: { successRows: count("s"), failedRows: count("f"), unprocessedRows: count("u"), resultsStoredAt: new Date() },
    }),
  ]);
}

/** One page of query rows (CSV with its header); `nextLocator` null marks the batch's results complete. */
export async function storeQueryPage(
  bulkJobId: string,
  batchId: string,
  page: number,
  csv: string,
  rowCount: number,
  nextLocator: string | null,
): Promise<void> {
  const data = gzipSync(csv);
  const db = getDb();
  await db.$transaction([
    db.bulkJobResult.upsert({
      where: { batchId_page: { batchId, page } },
      create: { bulkJobId, batchId, page, rowCount, data },
      update: { rowCount, data },
    }),
    db.salesforceBatch.update({
      where: { id: batchId },
      data: {
        successRows: { increment: rowCount },
        resultLocator: nextLocator,
        ...(nextLocator === null ? { resultsStoredAt: new Date() } : {}),
      },
    }),
  ]);
}

/** A batch with nothing to fetch (the parent batch of a PK-chunked query, an aborted query). */
export async function markResultsStored(batchId: string): Promise<void> {
  await getDb().salesforceBatch.update({ where: { id: batchId }, data: { resultsStoredAt: new Date() } });
}

/**
 * The three result files of a Bulk 2.0 job made outside the app, stored as Salesforce sent them (there is
 * no upload to match rows to): page 0 successes, 1 failures, 2 unprocessed. Counts come from the files.
 */
export async function storeAttachedV2Results(bulkJobId: string, batchId: string, files: { success: FileRows; failed: FileRows; unprocessed: FileRows }): Promise<void> {
  const db = getDb();
  const pages = [files.success, files.failed, files.unprocessed];
  await db.$transaction([
    ...pages.flatMap((file, page) => {
      if (!file) return [];
      const data = gzipSync(file.csv);
      return [db.bulkJobResult.upsert({ where: { batchId_page: { batchId, page } }, create: { bulkJobId, batchId, page, rowCount: file.rows, data }, update: { rowCount: file.rows, data } })];
    }),
    db.salesforceBatch.update({
      where: { id: batchId },
      data: { successRows: files.success?.rows ?? 0, failedRows: files.failed?.rows ?? 0, unprocessedRows: files.unprocessed?.rows ?? 0, resultsStoredAt: new Date() },
    }),
  ]);
}

/** A result file and its data-row count; null when Salesforce no longer had it. */
type FileRows = { csv: string; rows: number } | null;
