/** Batch resolution of relationship columns (parent external ids) and existence checks of lookup ids. */
import { getObjectByPrefix } from "../../objects";
import { keyValue } from "./coerce";
import { fail, type DmlContext, type ParsedRow } from "./context";
import { crossReference, dmlError } from "./errors";

/** Replaces each row's lookups by the parent id they name (row error when none or several match). */
export async function resolveLookups(ctx: DmlContext, rows: ParsedRow[]): Promise<void> {
  const groups = new Map<string, { object: string; field: string; values: Set<string> }>();
  for (const row of rows) {
    for (const lookup of row.lookups) {
      if (lookup.lookupField.name === "Id") {
        row.changes.set(lookup.reference.name, lookup.value);
        continue;
      }
      const key = `${lookup.target.name}.${lookup.lookupField.name}`;
      const group = groups.get(key) ?? { object: lookup.target.name, field: lookup.lookupField.name, values: new Set() };
      group.values.add(keyValue(lookup.value));
      groups.set(key, group);
    }
  }
  const matches = new Map<string, string[]>();
  for (const [key, group] of groups) {
    const { rows: found } = await ctx.client.query<{ value: string; id: string }>(
      `SELECT k.value, k.id FROM emulator.record_keys k
        WHERE k.org_id = $1 AND k.object = $2 AND k.field = $3 AND k.value = ANY($4::text[])`,
      [ctx.orgId, group.object, group.field, [...group.values]],
    );
    for (const match of found) {
      const list = matches.get(`${key}:${match.value}`) ?? [];
      list.push(match.id);
      matches.set(`${key}:${match.value}`, list);
    }
  }
  for (const row of rows) {
    for (const lookup of row.lookups) {
      if (lookup.lookupField.name === "Id" || row.error) continue;
      const ids = matches.get(`${lookup.target.name}.${lookup.lookupField.name}:${keyValue(lookup.value)}`) ?? [];
      if (ids.length === 1) row.changes.set(lookup.reference.name, ids[0]);
      else if (ids.length === 0) {
        row.error = dmlError(
          "INVALID_FIELD",
          `Foreign key external ID: ${String(lookup.value)} not found for field ${lookup.lookupField.name} in entity ${lookup.target.name}`,
        );
      } else {
        row.error = dmlError("DUPLICATE_EXTERNAL_ID", `Foreign key external ID: ${String(lookup.value)} matched more than one record`);
      }
    }
  }
}

/** Every non-null reference a row sets must name a live record of the org. */
export async function checkReferences(ctx: DmlContext, rows: ParsedRow[]): Promise<void> {
  const wanted = new Set<string>();
  for (const row of rows) {
    if (row.error) continue;
    for (const [name, value] of row.changes) {
      if (typeof value === "string" && ctx.meta.referenceFieldNames.has(name)) wanted.add(value);
    }
  }
  if (wanted.size === 0) return;
  const objects = [...new Set([...wanted].map((id) => getObjectByPrefix(id.slice(0, 3))?.name).filter(Boolean))];
  const { rows: live } = await ctx.client.query<{ id: string }>(
    `SELECT id FROM emulator.records WHERE org_id = $1 AND object = ANY($2::text[]) AND id = ANY($3::text[]) AND NOT is_deleted`,
    [ctx.orgId, objects, [...wanted]],
  );
  const existing = new Set(live.map((row) => row.id));
  for (const row of rows) {
    if (row.error) continue;
    for (const [name, value] of row.changes) {
      if (typeof value === "string" && ctx.meta.referenceFieldNames.has(name) && !existing.has(value)) {
        row.error = { ...crossReference(), fields: [name] };
        break;
      }
    }
  }
}

/** Moves rows that picked up an error into the results; returns the rest. */
export function settleErrors(ctx: DmlContext, rows: ParsedRow[], idOf: (row: ParsedRow) => string | null = () => null): ParsedRow[] {
  return rows.filter((row) => {
    if (!row.error) return true;
    fail(ctx, row.index, row.error, idOf(row));
    return false;
  });
}
