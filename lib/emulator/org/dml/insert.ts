import type { StoredValue } from "../../objects";
import { generateIds } from "../ids";
import { fail, succeed, type DmlContext, type ParsedRow } from "./context";
import { dmlError, notWritable, readOnlyObject } from "./errors";
import { applyComputed, missingRequired, unwritable } from "./finalize";
import { findDuplicates, writeKeys, type PendingRecord } from "./keys";
import { checkReferences, resolveLookups, settleErrors } from "./references";
import { INSERT_SQL, insertParams, toStorageRow } from "./storage";

const SYSTEM_DATES = ["CreatedDate", "LastModifiedDate", "SystemModstamp"];
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Auto-number text from the id's sequence digits (unique and increasing per org, like Salesforce's). */
function autoNumber(id: string): string {
  let value = 0;
  for (const ch of id.slice(6, 15)) value = value * 62 + BASE62.indexOf(ch);
  return String(value).padStart(8, "0");
}

function initialFields(ctx: DmlContext, row: ParsedRow): Record<string, StoredValue> {
  const fields: Record<string, StoredValue> = {};
  for (const field of ctx.meta.defaultedFields) fields[field.name] = field.defaultValue!;
  if (ctx.meta.owned) fields.OwnerId = ctx.userId;
  for (const [name, value] of row.changes) {
    if (value === null) delete fields[name];
    else fields[name] = value;
  }
  for (const name of SYSTEM_DATES) if (!ctx.system || fields[name] === undefined) fields[name] = ctx.now;
  if (!ctx.system || fields.CreatedById === undefined) fields.CreatedById = ctx.userId;
  if (!ctx.system || fields.LastModifiedById === undefined) fields.LastModifiedById = ctx.userId;
  applyComputed(ctx, fields);
  return fields;
}

export async function insertRows(ctx: DmlContext, parsed: ParsedRow[]): Promise<void> {
  if (parsed.length === 0) return;
  if (ctx.meta.createable === false && !ctx.system) {
    for (const row of parsed) fail(ctx, row.index, readOnlyObject());
    return;
  }
  for (const row of parsed) {
    if (row.error) continue;
    if (row.rawId !== undefined) {
      row.error = dmlError("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", ["Id"]);
      continue;
    }
    const blocked = unwritable(ctx, row.present, "insert");
    if (blocked.length > 0) row.error = notWritable(blocked);
  }
  let rows = settleErrors(ctx, parsed);
  await resolveLookups(ctx, rows);
  await checkReferences(ctx, rows);
  rows = settleErrors(ctx, rows);

  const ids = await generateIds(ctx.client, ctx.meta.keyPrefix, rows.length);
  const pending: PendingRecord[] = [];
  rows.forEach((row, position) => {
    const fields = initialFields(ctx, row);
    const missing = missingRequired(ctx, fields);
    if (missing) {
      fail(ctx, row.index, missing);
      return;
    }
    const id = ids[position];
    for (const field of ctx.meta.autoNumberFields) fields[field.name] = autoNumber(id);
    pending.push({ index: row.index, id, fields, uniqueFields: ctx.meta.uniqueFieldNames });
  });

  const duplicates = await findDuplicates(ctx, pending);
  const accepted = pending.filter((record) => {
    const error = duplicates.get(record.index);
    if (error) fail(ctx, record.index, error);
    return !error;
  });
  if (accepted.length === 0) return;
  const rowsOut = accepted.map((record) => toStorageRow(ctx, record.id, record.fields, "insert"));
  await ctx.client.query(INSERT_SQL, insertParams(ctx, rowsOut));
  await writeKeys(ctx, accepted, false);
  for (const record of accepted) succeed(ctx, record.index, record.id, true);
}
