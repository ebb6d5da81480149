/**
 * Admin endpoints under `/__emulator/` (Bearer EMULATOR_ADMIN_SECRET; absent secret = disabled):
 * fault configuration, forced session expiry, a reset, and stats proving how much was really created.
 */
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { EmulatorContext } from "../http/context";
import { ApiError } from "../http/errors";
import { json, type EmulatorRequest, type EmulatorResponse } from "../http/types";
import { bearerToken } from "../protocols/auth/authenticate";
import { expireSessions } from "../protocols/auth/sessions";

const rate = z.number().min(0).max(1);
const faultSchema = z
  .object({
    seed: z.number().int(),
    errorRate: rate,
    dropRate: rate,
    dropMode: z.enum(["before", "after"]),
    lockRowRate: rate,
    requestLimitAfter: z.number().int().nonnegative().nullable(),
    slowBatchMs: z.number().int().nonnegative(),
    pathPattern: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

const expireSchema = z.object({ token: z.string().min(1).optional(), username: z.string().min(1).optional() }).strict();

function authorize(ctx: EmulatorContext, req: EmulatorRequest): void {
  const secret = ctx.config.adminSecret;
  if (!secret) throw new ApiError(404, "NOT_FOUND", "Admin endpoints are disabled (set EMULATOR_ADMIN_SECRET)");
  const given = Buffer.from(bearerToken(req) ?? "");
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(401, "UNAUTHORIZED", "Missing or wrong admin bearer token");
  }
}

async function readJson<T>(req: EmulatorRequest, schema: z.ZodType<T>): Promise<T> {
  const text = (await req.text(64 * 1024)).trim();
  let value: unknown = {};
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(400, "INVALID_JSON", "Body must be JSON");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, "INVALID_INPUT", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  return parsed.data;
}

async function stats(ctx: EmulatorContext): Promise<Record<string, unknown>> {
  const jobs = await ctx.pool.query<{ kind: string; n: string }>("SELECT kind, count(*) AS n FROM emulator.bulk_jobs GROUP BY kind");
  const batches = await ctx.pool.query<{ kind: string; state: string; n: string; records: string }>(
    "SELECT kind, state, count(*) AS n, COALESCE(sum(records_processed), 0) AS records FROM emulator.bulk_batches GROUP BY kind, state",
  );
  const byKind: Record<string, number> = { v1: 0, v2ingest: 0, v2query: 0 };
  for (const row of jobs.rows) byKind[row.kind] = Number(row.n);
  const batchCounts: Record<string, Record<string, number>> = {};
  let submitted = 0;
  let records = 0;
  for (const row of batches.rows) {
    batchCounts[row.kind] ??= {};
    batchCounts[row.kind][row.state] = Number(row.n);
    if (row.kind === "ingest" || row.kind === "query") submitted += Number(row.n);
    records += Number(row.records);
  }
  return {
    jobs: { ...byKind, total: byKind.v1 + byKind.v2ingest + byKind.v2query },
    // Batches a client POSTed (Bulk v1); PK chunks and Bulk 2.0 internal parts are listed separately.
    v1BatchesSubmitted: submitted,
    batches: batchCounts,
    recordsProcessed: records,
    faults: ctx.faults.stats,
  };
}

async function reset(ctx: EmulatorContext): Promise<void> {
  ctx.faults.reset();
  await ctx.pool.query(
    "TRUNCATE emulator.bulk_results, emulator.bulk_data, emulator.query_results, emulator.bulk_batches, emulator.bulk_jobs, emulator.api_usage, emulator.query_cursors",
  );
}

export async function handleAdmin(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  authorize(ctx, req);
  const route = `${req.method} ${req.segments.slice(1).join("/")}`;
  switch (route) {
    case "GET faults":
      return json(200, { config: ctx.faults.config, stats: ctx.faults.stats });
    case "POST faults": {
      const input = await readJson(req, faultSchema);
      if (input.pathPattern) {
        try {
          new RegExp(input.pathPattern);
        } catch {
          throw new ApiError(400, "INVALID_INPUT", "pathPattern is not a valid regular expression");
        }
      }
      return json(200, { config: ctx.faults.configure(input) });
    }
    case "DELETE faults":
    case "POST faults/reset":
      return json(200, { config: ctx.faults.reset() });
    case "POST sessions/expire": {
      const input = await readJson(req, expireSchema);
      return json(200, { expired: await expireSessions(ctx, input) });
    }
    case "GET stats":
      return json(200, await stats(ctx));
    case "POST reset":
      await reset(ctx);
      return json(200, { reset: true });
    default:
      throw new ApiError(404, "NOT_FOUND", `Unknown admin endpoint: ${route}`);
  }
}
