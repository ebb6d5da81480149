/** Per-org daily counters (UTC day) behind `/limits` and `Sforce-Limit-Info`. */
import type { EmulatorContext } from "../../http/context";
import type { EmulatorRequest } from "../../http/types";

export type UsageCounter = "DailyApiRequests" | "DailyBulkApiBatches" | "DailyBulkV2QueryJobs";

function usageMax(ctx: EmulatorContext, counter: UsageCounter): number {
  const limits = ctx.config.limits;
  if (counter === "DailyApiRequests") return limits.dailyApiRequests;
  if (counter === "DailyBulkApiBatches") return limits.dailyBulkApiBatches;
  return limits.dailyBulkV2QueryJobs;
}

/** Adds `amount` to today's counter and returns the new total. */
async function addUsage(ctx: EmulatorContext, orgId: string, counter: UsageCounter, amount = 1): Promise<number> {
  const { rows } = await ctx.pool.query<{ used: string }>(
    `INSERT INTO emulator.api_usage (org_id, day, counter, used) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, $3)
     ON CONFLICT (org_id, day, counter) DO UPDATE SET used = emulator.api_usage.used + EXCLUDED.used
     RETURNING used`,
    [orgId, counter, amount],
  );
  return Number(rows[0].used);
}

export async function getUsage(ctx: EmulatorContext, orgId: string): Promise<Record<UsageCounter, number>> {
  const { rows } = await ctx.pool.query<{ counter: UsageCounter; used: string }>(
    `SELECT counter, used FROM emulator.api_usage WHERE org_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date`,
    [orgId],
  );
  const usage: Record<UsageCounter, number> = { DailyApiRequests: 0, DailyBulkApiBatches: 0, DailyBulkV2QueryJobs: 0 };
  for (const row of rows) usage[row.counter] = Number(row.used);
  return usage;
}

/**
 * Reserves `amount` of a quota; returns false (and reserves nothing) when it would exceed the max.
 * Used for batch and query-job allocations, which Salesforce refuses rather than overdraws.
 */
export async function reserveUsage(ctx: EmulatorContext, orgId: string, counter: UsageCounter, amount: number): Promise<boolean> {
  const max = usageMax(ctx, counter);
  const { rowCount } = await ctx.pool.query(
    `INSERT INTO emulator.api_usage (org_id, day, counter, used)
     SELECT $1, (now() AT TIME ZONE 'UTC')::date, $2, $3::bigint WHERE $3::bigint <= $4::bigint
     ON CONFLICT (org_id, day, counter) DO UPDATE SET used = emulator.api_usage.used + EXCLUDED.used
     WHERE emulator.api_usage.used + EXCLUDED.used <= $4::bigint`,
    [orgId, counter, amount, max],
  );
  return (rowCount ?? 0) > 0;
}

/** Counts one API request and sets this response's `Sforce-Limit-Info`; returns whether it is over the limit. */
export async function countApiRequest(ctx: EmulatorContext, req: EmulatorRequest, orgId: string): Promise<boolean> {
  const used = await addUsage(ctx, orgId, "DailyApiRequests");
  const max = usageMax(ctx, "DailyApiRequests");
  req.limitInfo = `api-usage=${Math.min(used, max)}/${max}`;
  return used > max;
}
