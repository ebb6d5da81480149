/** REST `/query` and `/queryAll` with 2,000-row pages and `nextRecordsUrl` cursors. */
import { generateId, SoqlError, type QueryRecord } from "../../org";
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import { json, type EmulatorResponse } from "../../http/types";
import type { Session } from "../auth/sessions";

const PAGE_SIZE = 2000;

async function fetchPage(
  ctx: EmulatorContext,
  orgId: string,
  soql: string,
  includeDeleted: boolean,
  skip: number,
  version: string,
  withTotal: boolean,
): Promise<{ records: QueryRecord[]; totalSize?: number; more: boolean }> {
  const run = await ctx.store.query(orgId, soql, { includeDeleted, skip, chunkSize: PAGE_SIZE + 1, withTotalSize: withTotal, apiVersion: version });
  if (run.countOnly) return { records: [], totalSize: run.totalSize, more: false };
  const records: QueryRecord[] = [];
  for await (const chunk of run.rows()) {
    records.push(...chunk);
    if (records.length > PAGE_SIZE) break;
  }
  return { records: records.slice(0, PAGE_SIZE), totalSize: run.totalSize, more: records.length > PAGE_SIZE };
}

function soqlError(error: unknown): never {
  if (error instanceof SoqlError) throw new ApiError(400, error.code, error.message);
  throw error;
}

export async function restQuery(
  ctx: EmulatorContext,
  session: Session,
  version: string,
  includeDeleted: boolean,
  soql: string | null,
): Promise<EmulatorResponse> {
  if (!soql) throw new ApiError(400, "MALFORMED_QUERY", "A query string has to be specified");
  const page = await fetchPage(ctx, session.orgId, soql, includeDeleted, 0, version, true).catch(soqlError);
  let nextRecordsUrl: string | undefined;
  if (page.more) {
    const id = await generateId(ctx.pool, "01g");
    await ctx.pool.query(
      "INSERT INTO emulator.query_cursors (id, org_id, soql, include_deleted, total_size) VALUES ($1, $2, $3, $4, $5)",
      [id, session.orgId, soql, includeDeleted, page.totalSize ?? 0],
    );
    nextRecordsUrl = `/services/data/v${version}/${includeDeleted ? "queryAll" : "query"}/${id.slice(0, 15)}-${PAGE_SIZE}`;
  }
  return json(200, { totalSize: page.totalSize ?? page.records.length, done: !page.more, ...(nextRecordsUrl ? { nextRecordsUrl } : {}), records: page.records });
}

export async function restQueryMore(ctx: EmulatorContext, session: Session, version: string, locator: string): Promise<EmulatorResponse> {
  const match = /^(01g[0-9A-Za-z]{12})-(\d+)$/.exec(locator);
  const { rows } = match
    ? await ctx.pool.query<{ id: string; soql: string; include_deleted: boolean; total_size: number }>(
        "SELECT id, soql, include_deleted, total_size FROM emulator.query_cursors WHERE left(id, 15) = $1 AND org_id = $2",
        [match[1], session.orgId],
      )
    : { rows: [] };
  const cursor = rows[0];
  if (!match || !cursor) throw new ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
  const skip = Number(match[2]);
  const page = await fetchPage(ctx, session.orgId, cursor.soql, cursor.include_deleted, skip, version, false).catch(soqlError);
  const path = cursor.include_deleted ? "queryAll" : "query";
  return json(200, {
    totalSize: cursor.total_size,
    done: !page.more,
    ...(page.more ? { nextRecordsUrl: `/services/data/v${version}/${path}/${match[1]}-${skip + PAGE_SIZE}` } : {}),
    records: page.records,
  });
}
