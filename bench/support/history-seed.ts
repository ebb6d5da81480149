/** 100,000 jobs and 1,000,000 batches for one team, by set-based INSERT … SELECT (never a row at a time). */
import type pg from "pg";

const START = Date.UTC(2026, 0, 1);
/** Two jobs per 5-minute step, so timestamps tie and the keyset cursor's id tie-break is exercised. */
export const createdAtOf = (i: number) => new Date(START + Math.floor(i / 2) * 5 * 60_000);
export const jobIdOf = (i: number) => `job${String(i).padStart(6, "0")}`;

export async function seedHistory(client: pg.Client, teamId: string, userId: string, jobs: number, batchesPerJob: number): Promise<void> {
  await client.query(
    `INSERT INTO bulk_jobs (id, team_id, created_by_id, object, operation, api, state, file_name, total_rows, processed_rows, failed_rows, created_at, updated_at)
     SELECT 'job' || lpad(i::text, 6, '0'), $1, $2,
            (ARRAY['Account','Contact','Lead','Case'])[1 + i % 4],
            (ARRAY['insert','update','upsert','delete','query'])[1 + i % 5]::bulk_operation,
            (CASE WHEN i % 3 = 0 THEN 'v1' ELSE 'v2' END)::bulk_api,
            (ARRAY['completed','failed','aborted','running'])[1 + i % 4]::bulk_job_state,
            'file-' || i || '.csv', $4::int * 10000, $4::int * 10000 - i % 7, i % 7,
            timestamp '2026-01-01' + (i / 2) * interval '5 minutes', now()
     FROM generate_series(1, $3::int) AS i`,
    [teamId, userId, jobs, batchesPerJob],
  );
  await client.query(
    `INSERT INTO salesforce_batches (id, bulk_job_id, seq, sf_job_id, sf_batch_id, submit_state, sf_state, first_row, row_count, byte_size,
                                     number_records_processed, number_records_failed, total_processing_time, api_active_processing_time,
                                     sf_created_date, system_modstamp, success_rows, failed_rows, results_stored_at, updated_at)
     SELECT 'bat' || lpad(i::text, 6, '0') || '-' || s, 'job' || lpad(i::text, 6, '0'), s,
            '750' || lpad(i::text, 15, '0'), '751' || lpad((i * 100 + s)::text, 15, '0'), 'submitted', 'Completed',
            (s - 1) * 10000, 10000, 1400000, 10000, CASE WHEN s = 1 THEN i % 7 ELSE 0 END, 4000, 3500,
            now(), now(), 10000 - CASE WHEN s = 1 THEN i % 7 ELSE 0 END, CASE WHEN s = 1 THEN i % 7 ELSE 0 END, now(), now()
     FROM generate_series(1, $1::int) AS i, generate_series(1, $2::int) AS s`,
    [jobs, batchesPerJob],
  );
  await client.query("ANALYZE bulk_jobs");
  await client.query("ANALYZE salesforce_batches");
}
