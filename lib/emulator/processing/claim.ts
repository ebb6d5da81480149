/** Claims work from Postgres with FOR UPDATE SKIP LOCKED, so any number of workers/processes can share it. */
import type { Queryable } from "../org";
import { getBatchById, getJobById, type JobRow } from "../protocols/common/jobs";
import type { Claim } from "./batch-state";

/**
 * Next runnable batch: Queued and due, or InProgress with an expired lease (its worker died).
 * Serial jobs run one batch at a time, in submission order.
 */
export async function claimBatch(db: Queryable, leaseMs: number): Promise<Claim | undefined> {
  const { rows } = await db.query<{ id: string; attempts: number }>(
    `WITH candidate AS (
       SELECT b.id FROM emulator.bulk_batches b JOIN emulator.bulk_jobs j ON j.id = b.job_id
       WHERE b.state IN ('Queued', 'InProgress') AND b.not_before <= now()
         AND (b.state = 'Queued' OR b.lease_until IS NULL OR b.lease_until < now())
         AND (j.concurrency_mode <> 'Serial' OR (
           NOT EXISTS (SELECT 1 FROM emulator.bulk_batches o WHERE o.job_id = b.job_id AND o.id <> b.id
                        AND o.state = 'InProgress' AND o.lease_until >= now())
           AND NOT EXISTS (SELECT 1 FROM emulator.bulk_batches o WHERE o.job_id = b.job_id AND o.seq < b.seq
                        AND o.state IN ('Queued', 'InProgress'))))
       ORDER BY b.seq
       FOR UPDATE OF b SKIP LOCKED
       LIMIT 1)
     UPDATE emulator.bulk_batches b SET state = 'InProgress', attempts = b.attempts + 1,
       lease_until = now() + make_interval(secs => $1::int / 1000.0), started_at = COALESCE(b.started_at, now()),
       system_modstamp = now()
     FROM candidate WHERE b.id = candidate.id
     RETURNING b.id, b.attempts`,
    [leaseMs],
  );
  const row = rows[0];
  if (!row) return undefined;
  const batch = await getBatchById(db, row.id);
  return batch ? { batch, attempt: row.attempts } : undefined;
}

/** Next v2 job needing a worker: an UploadComplete job that is due, or one whose worker died mid-step. */
export async function claimV2Job(db: Queryable, leaseMs: number): Promise<{ job: JobRow; startedAt: Date } | undefined> {
  const { rows } = await db.query<{ id: string; started: Date }>(
    `WITH candidate AS (
       SELECT id FROM emulator.bulk_jobs
       WHERE kind IN ('v2ingest', 'v2query') AND NOT deleted
         AND ((state = 'UploadComplete' AND not_before <= now())
           OR (state = 'InProgress' AND lease_until IS NOT NULL AND lease_until < now()))
       ORDER BY created_at
       FOR UPDATE SKIP LOCKED
       LIMIT 1)
     UPDATE emulator.bulk_jobs j SET state = 'InProgress', lease_until = now() + make_interval(secs => $1::int / 1000.0),
       system_modstamp = now()
     FROM candidate WHERE j.id = candidate.id
     RETURNING j.id, now() AS started`,
    [leaseMs],
  );
  const row = rows[0];
  if (!row) return undefined;
  const job = await getJobById(db, row.id);
  return job ? { job, startedAt: row.started } : undefined;
}

/** Gives a batch back (graceful shutdown or a transient error): progress is kept, another worker resumes. */
export async function releaseBatch(db: Queryable, claim: Claim, delayMs: number, countAsRetry: boolean): Promise<void> {
  // A graceful hand-back is not a Salesforce retry, so it gives the attempt back.
  await db.query(
    `UPDATE emulator.bulk_batches SET state = 'Queued', lease_until = NULL, attempts = attempts - $4::int,
       not_before = now() + make_interval(secs => $3::int / 1000.0)
     WHERE id = $1 AND attempts = $2 AND state = 'InProgress'`,
    [claim.batch.id, claim.attempt, delayMs, countAsRetry ? 0 : 1],
  );
}
