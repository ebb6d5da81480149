/** Converting stored text to API values, and JSON-shaped query records to CSV cells. */
import type { FieldDef } from "../objects";
import type { QueryColumn, QueryRecord } from "./types";

/** API value of a stored field text (numbers and booleans typed, datetimes in REST `+0000` form). */
export function decodeValue(text: string | null, field: FieldDef): unknown {
  if (text === null) return null;
  switch (field.type) {
    case "boolean":
      return text === "true";
    case "int":
      return Number.parseInt(text, 10);
    case "currency":
    case "double":
    case "percent":
      return Number(text);
    case "datetime":
      return text.replace(/Z$/, "+0000");
    default:
      return text;
  }
}

/** CSV cell text of a query value (null → empty; datetimes in Bulk CSV form `…000Z`). */
export function csvValue(value: unknown, type?: string): string {
  if (value === null || value === undefined) return "";
  if (type === "datetime" && typeof value === "string") return value.replace(/\+0000$/, "Z");
  return String(value);
}

/** Values of a JSON-shaped record in column order, following dotted paths (`Account.Name`); null when a parent is null. */
export function flattenRecord(record: QueryRecord, columns: QueryColumn[]): unknown[] {
  return columns.map((column) => {
    let current: unknown = record;
    for (const part of column.path.split(".")) {
      if (current === null || typeof current !== "object") return null;
      current = (current as Record<string, unknown>)[part];
    }
    return current ?? null;
  });
}
