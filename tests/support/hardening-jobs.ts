/**
 * Checks shared by the crash and fault tests: a job's stored results against what the emulator really
 * holds, row by row (every row once, each success's id really carries that row, failures left nothing).
 */
import Papa from "papaparse";
import pg from "pg";
import { expect } from "vitest";
import { loadResultDownload } from "../../lib/bulk-jobs/loaders";
import type { MembershipContext } from "../../lib/auth";

export const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c" } };

async function download(ctx: MembershipContext, jobId: string, kind: string): Promise<Record<string, string>[]> {
  const text = await new Response((await loadResultDownload(ctx, jobId, kind)).body).text();
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** The emulator's Account records whose External_Id__c starts with `prefix-`, by external id. */
async function emulatorAccounts(pool: pg.Pool, orgId: string, prefix: string): Promise<Map<string, string[]>> {
  const { rows } = await pool.query<{ id: string; ext: string }>(
    "SELECT id, fields->>'External_Id__c' AS ext FROM emulator.records WHERE org_id = $1 AND object = 'Account' AND NOT is_deleted AND fields->>'External_Id__c' LIKE $2",
    [orgId, `${prefix}-%`],
  );
  const byExt = new Map<string, string[]>();
  for (const row of rows) byExt.set(row.ext, [...(byExt.get(row.ext) ?? []), row.id]);
  return byExt;
}

export interface IngestOutcome {
  successes: number;
  failures: number;
}

/**
 * Every one of `rows` rows has exactly one outcome; each success's sf__Id is the one record the emulator
 * holds for that row; each failure (only `allowedError`) left no record; nothing else was created.
 */
export async function expectExactIngest(
  ctx: MembershipContext,
  pool: pg.Pool,
  orgId: string,
  jobId: string,
  rows: number,
  prefix: string,
  allowedError: RegExp = /UNABLE_TO_LOCK_ROW/,
): Promise<IngestOutcome> {
  const successes = await download(ctx, jobId, "successes");
  const failures = await download(ctx, jobId, "failures");
  const unprocessed = await download(ctx, jobId, "unprocessed");
  expect(unprocessed, `${jobId}: unprocessed rows`).toEqual([]);
  const seen = [...successes, ...failures].map((r) => Number(r.sf__Row)).sort((a, b) => a - b);
  expect(seen, `${jobId}: one outcome per row`).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
  const records = await emulatorAccounts(pool, orgId, prefix);
  for (const row of successes) expect(records.get(row.External_Id__c), `${jobId}: row ${row.sf__Row}`).toEqual([row.sf__Id]);
  for (const row of failures) {
    expect(row.sf__Error, `${jobId}: row ${row.sf__Row}`).toMatch(allowedError);
    expect(records.has(row.External_Id__c), `${jobId}: failed row ${row.sf__Row} left a record`).toBe(false);
  }
  expect(records.size, `${jobId}: records created`).toBe(successes.length);
  return { successes: successes.length, failures: failures.length };
}

/** A query job's single download holds exactly the expected external ids, each once. */
export async function expectExactQuery(ctx: MembershipContext, jobId: string, expectedExternalIds: string[]): Promise<void> {
  const rows = await download(ctx, jobId, "query");
  expect(rows.map((r) => r.External_Id__c).sort()).toEqual([...expectedExternalIds].sort());
  expect(new Set(rows.map((r) => r.Id)).size).toBe(rows.length);
}
