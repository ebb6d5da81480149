/** Result reads for downloads: one batch or page at a time, never a whole job in memory. */
import { gunzipSync } from "node:zlib";
import { getDb } from "../db";

export interface ResultBatch {
  id: string;
  firstRow: number;
  rowCount: number;
}

/** The batches that carry rows, in row order (abandoned intents and PK-chunk parents excluded). */
export async function listResultBatches(bulkJobId: string): Promise<ResultBatch[]> {
  return getDb().salesforceBatch.findMany({
    where: { bulkJobId, submitState: { not: "abandoned" } },
    select: { id: true, firstRow: true, rowCount: true },
    orderBy: [{ firstRow: "asc" }, { seq: "asc" }],
  });
}

/** Every stored page in order (or only page number `page` of each batch), with its row count. */
export async function listResultPageIds(bulkJobId: string, page?: number): Promise<{ id: string; rowCount: number }[]> {
  return getDb().bulkJobResult.findMany({
    where: { bulkJobId, page },
    select: { id: true, rowCount: true },
    orderBy: [{ batch: { seq: "asc" } }, { page: "asc" }],
  });
}

export async function readResultPage(resultId: string): Promise<string> {
  const result = await getDb().bulkJobResult.findUniqueOrThrow({ where: { id: resultId }, select: { data: true } });
  return gunzipSync(result.data).toString("utf8");
}

export async function readBatchOutcomesText(batchId: string): Promise<string | null> {
  const result = await getDb().bulkJobResult.findUnique({ where: { batchId_page: { batchId, page: 0 } }, select: { data: true } });
  return result ? gunzipSync(result.data).toString("utf8") : null;
}

export function countResultPages(batchId: string): Promise<number> {
  return getDb().bulkJobResult.count({ where: { batchId } });
}
