/** Fenced batch updates: a worker only writes while it still holds the claim (same `attempts` value). */
import type pg from "pg";
import type { Queryable } from "../org";
import type { BatchRow } from "../protocols/common/jobs";
import { appendResultChunk, type ResultKind } from "../protocols/common/results";

export interface Claim {
  batch: BatchRow;
  /** The `attempts` value written by our claim: the fencing token. */
  attempt: number;
}

export interface ChunkOutcome {
  results: { kind: ResultKind; rows: string[] }[];
  processed: number;
  failed: number;
  /** Rows consumed from the input (progress advances by this much). */
  consumed: number;
  chunkIndex: number;
  firstRow: number;
}

/** Stores one chunk's results and advances progress in one transaction; false when the claim was lost. */
export async function commitChunk(pool: pg.Pool, claim: Claim, outcome: ChunkOutcome, leaseMs: number): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rowCount } = await client.query(
      `UPDATE emulator.bulk_batches SET progress = progress + $3, records_processed = records_processed + $4,
         records_failed = records_failed + $5, lease_until = now() + make_interval(secs => $6::int / 1000.0), system_modstamp = now()
       WHERE id = $1 AND attempts = $2 AND state = 'InProgress'`,
      [claim.batch.id, claim.attempt, outcome.consumed, outcome.processed, outcome.failed, leaseMs],
    );
    if (!rowCount) {
      await client.query("ROLLBACK");
      return false;
    }
    for (const result of outcome.results) {
      await appendResultChunk(client as Queryable, claim.batch.id, result.kind, outcome.chunkIndex, outcome.firstRow, result.rows);
    }
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Processing-time fields Salesforce fills in: wall time since start, most of it "API active", no Apex. */
export function processingTimes(startedAt: Date | null, records: number): { total: number; active: number; apex: number } {
  const elapsed = startedAt ? Math.max(0, Date.now() - startedAt.getTime()) : 0;
  const total = records > 0 ? Math.max(1, elapsed) : elapsed;
  return { total, active: Math.round(total * 0.9), apex: 0 };
}

export async function finishBatch(
  db: Queryable,
  claim: Claim,
  state: "Completed" | "Failed" | "NotProcessed",
  stateMessage: string | null,
  extra: { recordCount?: number; processed?: number } = {},
): Promise<boolean> {
  const times = processingTimes(claim.batch.startedAt, extra.processed ?? 1);
  const { rowCount } = await db.query(
    `UPDATE emulator.bulk_batches SET state = $3, state_message = $4, lease_until = NULL, system_modstamp = now(),
       record_count = COALESCE($5, record_count), total_processing_time = $6, api_active_processing_time = $7,
       apex_processing_time = $8
     WHERE id = $1 AND attempts = $2 AND state = 'InProgress'`,
    [claim.batch.id, claim.attempt, state, stateMessage, extra.recordCount ?? null, times.total, times.active, times.apex],
  );
  return (rowCount ?? 0) > 0;
}

export async function setRecordCount(db: Queryable, claim: Claim, count: number): Promise<void> {
  await db.query("UPDATE emulator.bulk_batches SET record_count = $3 WHERE id = $1 AND attempts = $2", [
    claim.batch.id,
    claim.attempt,
    count,
  ]);
}
