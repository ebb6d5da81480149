/** Id checks and row locking shared by update, upsert and the deletes. */
import type { StoredValue } from "../../objects";
import { normalizeId } from "../ids";
import { fail, type DmlContext } from "./context";
import { crossReference, dmlError, duplicateIdInList, entityDeleted, malformedRecordId } from "./errors";

export interface TargetRow {
  index: number;
  id: string;
}

/**
 * Validates the Id of each row (missing, malformed, wrong object, repeated in the batch) and returns
 * the rows that name a well-formed id of this object. Failures go straight to the results.
 */
export function checkIds(ctx: DmlContext, rows: { index: number; rawId?: string }[], missingMessage: string): TargetRow[] {
  const seen = new Set<string>();
  const valid: TargetRow[] = [];
  for (const row of rows) {
    if (row.rawId === undefined || row.rawId.trim() === "") {
      fail(ctx, row.index, dmlError("MISSING_ARGUMENT", missingMessage));
      continue;
    }
    const id = normalizeId(row.rawId.trim());
    if (!id || id.slice(0, 3) !== ctx.meta.keyPrefix) {
      fail(ctx, row.index, malformedRecordId(ctx.meta, row.rawId), row.rawId);
      continue;
    }
    if (seen.has(id)) {
      fail(ctx, row.index, duplicateIdInList(id), id);
      continue;
    }
    seen.add(id);
    valid.push({ index: row.index, id });
  }
  return valid;
}

export type ExistingRecord = {
  id: string;
  fields: Record<string, StoredValue>;
  owner_id: string | null;
  is_deleted: boolean;
};

/** Locks the named records (in id order, so concurrent batches cannot deadlock) and returns them by id. */
export async function lockExisting(ctx: DmlContext, ids: string[]): Promise<Map<string, ExistingRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await ctx.client.query<ExistingRecord>(
    `SELECT id, fields, owner_id, is_deleted FROM emulator.records
      WHERE org_id = $1 AND object = $2 AND id = ANY($3::text[]) ORDER BY id FOR UPDATE`,
    [ctx.orgId, ctx.meta.name, ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Fails rows whose record is missing or (unless allowed) in the recycle bin; returns the live ones. */
export function requireExisting<T extends TargetRow>(
  ctx: DmlContext,
  rows: T[],
  existing: Map<string, ExistingRecord>,
  allowDeleted = false,
): T[] {
  return rows.filter((row) => {
    const record = existing.get(row.id);
    if (!record) fail(ctx, row.index, crossReference(), row.id);
    else if (record.is_deleted && !allowDeleted) fail(ctx, row.index, entityDeleted(), row.id);
    else return true;
    return false;
  });
}
