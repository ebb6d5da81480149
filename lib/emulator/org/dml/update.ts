import type { StoredValue } from "../../objects";
import { fail, succeed, type DmlContext, type ParsedRow } from "./context";
import { lockExisting, requireExisting } from "./existing";
import { notWritable, readOnlyObject } from "./errors";
import { applyComputed, missingRequired, unwritable } from "./finalize";
import { findDuplicates, lockObjectKeys, writeKeys, type PendingRecord } from "./keys";
import { checkReferences, resolveLookups, settleErrors } from "./references";
import { toStorageRow, UPDATE_SQL, updateParams } from "./storage";

export type UpdateRow = ParsedRow & { id: string };

/** Updates rows whose Id is already validated (well-formed, this object, unique in the batch). */
export async function updateRows(ctx: DmlContext, targets: UpdateRow[]): Promise<void> {
  if (targets.length === 0) return;
  if (ctx.meta.updateable === false && !ctx.system) {
    for (const row of targets) fail(ctx, row.index, readOnlyObject(), row.id);
    return;
  }
  if (targets.some((row) => ctx.meta.uniqueFieldNames.some((name) => row.changes.has(name)))) await lockObjectKeys(ctx);
  const existing = await lockExisting(ctx, targets.map((row) => row.id));
  let rows = requireExisting(ctx, targets, existing);
  const idOf = (row: ParsedRow) => (row as UpdateRow).id;
  for (const row of rows) {
    if (row.error) continue;
    const blocked = unwritable(ctx, row.present, "update");
    if (blocked.length > 0) row.error = notWritable(blocked);
  }
  rows = settleErrors(ctx, rows, idOf) as UpdateRow[];
  await resolveLookups(ctx, rows);
  await checkReferences(ctx, rows);
  rows = settleErrors(ctx, rows, idOf) as UpdateRow[];

  const pending: PendingRecord[] = [];
  for (const row of rows) {
    const before = existing.get(row.id)!;
    const fields: Record<string, StoredValue> = { ...before.fields };
    if (before.owner_id) fields.OwnerId = before.owner_id;
    for (const [name, value] of row.changes) {
      if (value === null) delete fields[name];
      else fields[name] = value;
    }
    fields.LastModifiedDate = ctx.now;
    fields.SystemModstamp = ctx.now;
    fields.LastModifiedById = ctx.userId;
    applyComputed(ctx, fields);
    const missing = missingRequired(ctx, fields);
    if (missing) {
      fail(ctx, row.index, missing, row.id);
      continue;
    }
    const uniqueFields = ctx.meta.uniqueFieldNames.filter((name) => row.changes.has(name));
    pending.push({ index: row.index, id: row.id, fields, uniqueFields });
  }
  const duplicates = await findDuplicates(ctx, pending);
  const accepted = pending.filter((record) => {
    const error = duplicates.get(record.index);
    if (error) fail(ctx, record.index, error, record.id);
    return !error;
  });
  if (accepted.length === 0) return;
  const rowsOut = accepted.map((record) => toStorageRow(ctx, record.id, record.fields, "update"));
  await ctx.client.query(UPDATE_SQL, updateParams(ctx, rowsOut));
  // Only records whose key values changed need their record_keys rows rewritten.
  const rekeyed = accepted.filter((record) => {
    const before = existing.get(record.id)!.fields;
    return ctx.meta.keyFields.some((field) => before[field.name] !== record.fields[field.name]);
  });
  await writeKeys(ctx, rekeyed, true);
  for (const record of accepted) succeed(ctx, record.index, record.id, false);
}
