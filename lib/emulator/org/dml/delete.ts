import { fail, succeed, type DmlContext } from "./context";
import { readOnlyObject } from "./errors";
import { checkIds, lockExisting, requireExisting } from "./existing";

/** Soft delete (recycle bin) or hardDelete (purge) of the rows' Ids. */
export async function deleteRows(ctx: DmlContext, rows: { index: number; rawId?: string }[], hard: boolean): Promise<void> {
  if (ctx.meta.deletable === false) {
    for (const row of rows) fail(ctx, row.index, readOnlyObject(), row.rawId ?? null);
    return;
  }
  const targets = checkIds(ctx, rows, "Id not specified in a delete call");
  const existing = await lockExisting(ctx, targets.map((row) => row.id));
  // hardDelete also empties records already in the recycle bin.
  const live = requireExisting(ctx, targets, existing, hard);
  if (live.length === 0) return;
  const ids = live.map((row) => row.id);
  if (hard) {
    await ctx.client.query("DELETE FROM emulator.records WHERE org_id = $1 AND object = $2 AND id = ANY($3::text[])", [
      ctx.orgId,
      ctx.meta.name,
      ids,
    ]);
  } else {
    await ctx.client.query(
      `UPDATE emulator.records
          SET is_deleted = true, deleted_at = now(), last_modified_date = $4, system_modstamp = $4, last_modified_by_id = $5
        WHERE org_id = $1 AND object = $2 AND id = ANY($3::text[])`,
      [ctx.orgId, ctx.meta.name, ids, ctx.now, ctx.userId],
    );
  }
  await ctx.client.query("DELETE FROM emulator.record_keys WHERE org_id = $1 AND object = $2 AND id = ANY($3::text[])", [
    ctx.orgId,
    ctx.meta.name,
    ids,
  ]);
  for (const row of live) succeed(ctx, row.index, row.id, false);
}
