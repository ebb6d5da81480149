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
