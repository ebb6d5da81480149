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

/**
 * Runs one chunk as ONE transaction: `apply` writes the chunk's records on the given client, then its
 * results and the batch's progress are stored, and all of it commits together. A crash at any point
 * therefore leaves either the whole chunk or none of it, and the worker taking the batch over resumes
 * at the first uncommitted chunk: no record is written twice. The batch row is locked first, which
 * fences out a worker whose claim was taken over and keeps claimBatch (SKIP LOCKED) off the batch
 * mid-chunk. Undefined when the claim was lost (nothing is written).
 */
export async function processChunk(
  pool: pg.Pool,
  claim: Claim,
  leaseMs: number,
  apply: (client: Queryable) => Promise<ChunkOutcome>,
): Promise<ChunkOutcome | undefined> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rowCount } = await client.query(
      "SELECT 1 FROM emulator.bulk_batches WHERE id = $1 AND attempts = $2 AND state = 'InProgress' FOR UPDATE",
      [claim.batch.id, claim.attempt],
    );
    if (!rowCount) {
      await client.query("ROLLBACK");
      return undefined;
    }
    const outcome = await apply(client);
    await client.query(
      `UPDATE emulator.bulk_batches SET progress = progress + $2, records_processed = records_processed + $3,
         records_failed = records_failed + $4, lease_until = now() + make_interval(secs => $5::int / 1000.0), system_modstamp = now()
       WHERE id = $1`,
      [claim.batch.id, outcome.consumed, outcome.processed, outcome.failed, leaseMs],
    );
    for (const result of outcome.results) {
      await appendResultChunk(client, claim.batch.id, result.kind, outcome.chunkIndex, outcome.firstRow, result.rows);
    }
    await client.query("COMMIT");
    return outcome;
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
