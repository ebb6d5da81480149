/** Row shapes sent to Postgres: user fields as JSON, system fields only where they differ from the batch's. */
import { SYSTEM_COLUMNS } from "../../db/record-columns";
import type { StoredValue } from "../../objects";
import type { DmlContext } from "./context";

const SHORT_NAMES: Record<string, "o" | "cd" | "cb" | "md" | "mb" | "sm"> = {
  OwnerId: "o",
  CreatedDate: "cd",
  CreatedById: "cb",
  LastModifiedDate: "md",
  LastModifiedById: "mb",
  SystemModstamp: "sm",
};

export interface StorageRow {
  i: string;
  f: Record<string, StoredValue>;
  o?: StoredValue | null;
  cd?: StoredValue;
  cb?: StoredValue;
  md?: StoredValue;
  mb?: StoredValue;
  sm?: StoredValue;
}

function batchDefault(ctx: DmlContext, name: string): StoredValue {
  return name.endsWith("Date") || name === "SystemModstamp" ? ctx.now : ctx.userId;
}

export function toStorageRow(ctx: DmlContext, id: string, fields: Record<string, StoredValue>, mode: "insert" | "update"): StorageRow {
  const row: StorageRow = { i: id, f: {} };
  for (const name in fields) {
    const value = fields[name];
    const short = SHORT_NAMES[name];
    if (short) {
      if (mode === "insert" && value !== batchDefault(ctx, name)) row[short] = value;
    } else if (!(name in SYSTEM_COLUMNS)) row.f[name] = value;
  }
  // Updates rewrite owner_id from the merged record, so it is always sent.
  if (mode === "update") row.o = fields.OwnerId ?? null;
  return row;
}

export const INSERT_SQL = `
  INSERT INTO emulator.records
    (org_id, object, id, fields, owner_id, created_date, created_by_id, last_modified_date, last_modified_by_id, system_modstamp)
  SELECT $1, $2, x.i, x.f, COALESCE(x.o, $4), COALESCE(x.cd, $5), COALESCE(x.cb, $6), COALESCE(x.md, $5), COALESCE(x.mb, $6), COALESCE(x.sm, $5)
    FROM jsonb_to_recordset($3::jsonb) AS x(i text, f jsonb, o text, cd text, cb text, md text, mb text, sm text)`;

export function insertParams(ctx: DmlContext, rows: StorageRow[]): unknown[] {
  return [ctx.orgId, ctx.meta.name, JSON.stringify(rows), ctx.meta.owned ? ctx.userId : null, ctx.now, ctx.userId];
}

export const UPDATE_SQL = `
  UPDATE emulator.records r
     SET fields = x.f, owner_id = x.o, last_modified_date = $4, last_modified_by_id = $5, system_modstamp = $4
    FROM jsonb_to_recordset($3::jsonb) AS x(i text, f jsonb, o text)
   WHERE r.org_id = $1 AND r.object = $2 AND r.id = x.i`;

export function updateParams(ctx: DmlContext, rows: StorageRow[]): unknown[] {
  return [ctx.orgId, ctx.meta.name, JSON.stringify(rows), ctx.now, ctx.userId];
}
