/** Job and batch totals read from the database, so every replica reports the same cluster-wide numbers. */
import { getDb } from "../db";

export interface DatabaseMetrics {
  jobsByState: Record<string, number>;
  batchesSubmitted: number;
  recordsProcessed: number;
  recordsFailed: number;
}

const STATES = ["queued", "running", "paused", "aborting", "completed", "failed", "aborted"];

export async function readDatabaseMetrics(): Promise<DatabaseMetrics> {
  const db = getDb();
  const [byState, batches, records] = await Promise.all([
    db.bulkJob.groupBy({ by: ["state"], _count: { _all: true } }),
    db.salesforceBatch.count({ where: { submitState: "submitted" } }),
    db.bulkJob.aggregate({ _sum: { processedRows: true, failedRows: true } }),
  ]);
  // Every state is listed, zero included, so a dashboard's series never vanish.
  const jobsByState = Object.fromEntries(STATES.map((state) => [state, 0]));
  for (const row of byState) jobsByState[row.state] = row._count._all;
  return {
    jobsByState,
    batchesSubmitted: batches,
    recordsProcessed: records._sum.processedRows ?? 0,
    recordsFailed: records._sum.failedRows ?? 0,
  };
}
