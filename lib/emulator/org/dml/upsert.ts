import type { FieldDef } from "../../objects";
import { keyValue } from "./coerce";
import { fail, type DmlContext, type ParsedRow } from "./context";
import { dmlError } from "./errors";
import { checkIds } from "./existing";
import { insertRows } from "./insert";
import { lockObjectKeys } from "./keys";
import { updateRows, type UpdateRow } from "./update";

const duplicateExternalId = (field: FieldDef, value: unknown) =>
  dmlError("DUPLICATE_EXTERNAL_ID", `Duplicate external id specified: ${String(value)}`, [field.name]);

async function upsertById(ctx: DmlContext, rows: ParsedRow[]): Promise<void> {
  const inserts = rows.filter((row) => row.rawId === undefined);
  const withId = rows.filter((row) => row.rawId !== undefined);
  const targets = checkIds(ctx, withId, "Id not specified in an upsert call");
  const byIndex = new Map(withId.map((row) => [row.index, row]));
  await updateRows(ctx, targets.map((target) => ({ ...byIndex.get(target.index)!, id: target.id })));
  await insertRows(ctx, inserts);
}

/** Matches rows on the external id field: no match inserts, one match updates, several fail. */
export async function upsertRows(ctx: DmlContext, parsed: ParsedRow[], keyField: FieldDef): Promise<void> {
  const rows = parsed.filter((row) => {
    if (row.error) fail(ctx, row.index, row.error);
    return !row.error;
  });
  // Serialize matching with other batches of this object so two batches cannot both insert one key;
  // taken before any row lock, like every holder of this lock.
  await lockObjectKeys(ctx);
  if (keyField.name === "Id") return upsertById(ctx, rows);

  const groups = new Map<string, ParsedRow[]>();
  for (const row of rows) {
    const value = row.changes.get(keyField.name);
    if (value === undefined || value === null) {
      fail(ctx, row.index, dmlError("MISSING_ARGUMENT", `${keyField.name} not specified`, [keyField.name]));
      continue;
    }
    row.rawId = undefined;
    const key = keyValue(value);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    for (const row of members) fail(ctx, row.index, duplicateExternalId(keyField, row.changes.get(keyField.name)));
    groups.delete(key);
  }
  const { rows: found } = await ctx.client.query<{ value: string; id: string }>(
    `SELECT value, id FROM emulator.record_keys
      WHERE org_id = $1 AND object = $2 AND field = $3 AND value = ANY($4::text[])`,
    [ctx.orgId, ctx.meta.name, keyField.name, [...groups.keys()]],
  );
  const matches = new Map<string, string[]>();
  for (const match of found) matches.set(match.value, [...(matches.get(match.value) ?? []), match.id]);

  const inserts: ParsedRow[] = [];
  const updates: UpdateRow[] = [];
  for (const [key, [row]] of groups) {
    const ids = matches.get(key) ?? [];
    if (ids.length === 0) inserts.push(row);
    else if (ids.length === 1) updates.push({ ...row, id: ids[0] });
    else fail(ctx, row.index, duplicateExternalId(keyField, row.changes.get(keyField.name)));
  }
  await updateRows(ctx, updates);
  await insertRows(ctx, inserts);
}
