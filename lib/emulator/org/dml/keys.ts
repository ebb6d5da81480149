/** Unique-field enforcement and maintenance of emulator.record_keys. */
import type { StoredValue } from "../../objects";
import { keyValue } from "./coerce";
import type { DmlContext } from "./context";
import { duplicateValue } from "./errors";
import type { DmlError } from "../types";

export interface PendingRecord {
  index: number;
  id: string;
  fields: Record<string, StoredValue>;
  /** Unique fields whose value this write sets (all of them for inserts). */
  uniqueFields: string[];
}

/**
 * Serializes key claims of one (org, object) until the transaction ends. Writers take it before any
 * row lock they need while holding it (upsert, updates of unique fields), so lock order never inverts.
 */
export async function lockObjectKeys(ctx: DmlContext): Promise<void> {
  if (ctx.keysLocked) return;
  await ctx.client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${ctx.orgId}:${ctx.meta.name}`]);
  ctx.keysLocked = true;
}

/**
 * Returns the DUPLICATE_VALUE error of each record whose unique value is taken by another live record
 * or by an earlier record of the same batch. Holds a per-(org, object) lock for the rest of the
 * transaction so parallel batches cannot both claim a value.
 */
export async function findDuplicates(ctx: DmlContext, records: PendingRecord[]): Promise<Map<number, DmlError>> {
  const errors = new Map<number, DmlError>();
  const wanted: { field: string; value: string }[] = [];
  for (const record of records) {
    for (const name of record.uniqueFields) {
      const value = record.fields[name];
      if (value !== undefined) wanted.push({ field: name, value: keyValue(value) });
    }
  }
  if (wanted.length === 0) return errors;
  await lockObjectKeys(ctx);
  const { rows } = await ctx.client.query<{ field: string; value: string; id: string }>(
    `SELECT k.field, k.value, k.id FROM emulator.record_keys k
       JOIN jsonb_to_recordset($3::jsonb) AS w(field text, value text) ON k.field = w.field AND k.value = w.value
      WHERE k.org_id = $1 AND k.object = $2 AND k.is_unique`,
    [ctx.orgId, ctx.meta.name, JSON.stringify(wanted)],
  );
  const owners = new Map(rows.map((row) => [`${row.field}\u0000${row.value}`, row.id]));
  for (const record of records) {
    for (const name of record.uniqueFields) {
      const value = record.fields[name];
      if (value === undefined) continue;
      const key = `${name}\u0000${keyValue(value)}`;
      const owner = owners.get(key);
      if (owner !== undefined && owner !== record.id) {
        errors.set(record.index, duplicateValue(ctx.meta.fieldsByLowerName.get(name.toLowerCase())!, owner));
        break;
      }
    }
    if (errors.has(record.index)) continue;
    for (const name of record.uniqueFields) {
      const value = record.fields[name];
      if (value !== undefined) owners.set(`${name}\u0000${keyValue(value)}`, record.id);
    }
  }
  return errors;
}

/** Rewrites the key rows of the given records from their full field values. */
export async function writeKeys(ctx: DmlContext, records: { id: string; fields: Record<string, StoredValue> }[], replace: boolean): Promise<void> {
  if (ctx.meta.keyFields.length === 0 || records.length === 0) return;
  if (replace) {
    await ctx.client.query("DELETE FROM emulator.record_keys WHERE org_id = $1 AND object = $2 AND id = ANY($3::text[])", [
      ctx.orgId,
      ctx.meta.name,
      records.map((record) => record.id),
    ]);
  }
  const keys: { f: string; v: string; i: string; u: boolean }[] = [];
  for (const record of records) {
    for (const field of ctx.meta.keyFields) {
      const value = record.fields[field.name];
      if (value !== undefined) keys.push({ f: field.name, v: keyValue(value), i: record.id, u: Boolean(field.unique) });
    }
  }
  if (keys.length === 0) return;
  await ctx.client.query(
    `INSERT INTO emulator.record_keys (org_id, object, field, value, id, is_unique)
     SELECT $1, $2, k.f, k.v, k.i, k.u FROM jsonb_to_recordset($3::jsonb) AS k(f text, v text, i text, u boolean)
     ON CONFLICT DO NOTHING`,
    [ctx.orgId, ctx.meta.name, JSON.stringify(keys)],
  );
}
