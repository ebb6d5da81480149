/** Interpreting batch columns (plain fields and relationship columns) and the whole-batch header checks. */
import { getField, getObject } from "../../objects";
import type { FieldDef, ObjectMeta } from "../../objects";
import type { BatchError, DmlOperation, DmlRow, DmlValue } from "../types";

export type ColumnPlan =
  | { kind: "field"; column: string; field: FieldDef }
  | { kind: "relationship"; column: string; reference: FieldDef; target: ObjectMeta; lookupField: FieldDef };

const notFound = (column: string): BatchError => ({ code: "InvalidBatch", message: `Field name not found : ${column}` });

/** `Account.External_Id__c`, `Owner.Username`, polymorphic `Lead:Who.Email`. */
function planRelationship(meta: ObjectMeta, column: string): ColumnPlan | BatchError {
  const dot = column.indexOf(".");
  const head = column.slice(0, dot);
  const leaf = column.slice(dot + 1);
  const colon = head.indexOf(":");
  const typeName = colon >= 0 ? head.slice(0, colon) : undefined;
  const relationship = colon >= 0 ? head.slice(colon + 1) : head;
  const reference = meta.relationshipsByLowerName.get(relationship.toLowerCase());
  if (!reference || leaf.includes(".")) return notFound(column);
  const known = (reference.referenceTo ?? []).filter((name) => getObject(name));
  const targetName = typeName ? known.find((name) => name.toLowerCase() === typeName.toLowerCase()) : known[0];
  const target = targetName ? getObject(targetName) : undefined;
  if (!target) return notFound(column);
  const lookupField = getField(target, leaf);
  if (!lookupField || !(lookupField.externalId || lookupField.idLookup)) return notFound(column);
  return { kind: "relationship", column, reference, target, lookupField };
}

export function planColumn(meta: ObjectMeta, rawColumn: string): ColumnPlan | BatchError {
  // A UTF-8 byte order mark (Excel exports) is not part of the first column's name.
  const column = rawColumn.replace(/^\uFEFF/, "");
  if (column.includes(".")) return planRelationship(meta, column);
  const field = getField(meta, column);
  return field ? { kind: "field", column, field } : notFound(column);
}

export function isBatchError(value: ColumnPlan | BatchError): value is BatchError {
  return "code" in value;
}

/** Resolves the upsert key field, or the batch error Salesforce reports for it. */
export function upsertKeyField(meta: ObjectMeta, name: string | undefined): FieldDef | BatchError {
  if (!name) return { code: "InvalidBatch", message: "External ID field name is required for upsert" };
  const field = getField(meta, name);
  if (!field) return notFound(name);
  if (!(field.externalId || field.idLookup)) {
    return { code: "InvalidBatch", message: `The External ID Field Name field must be an External ID field: ${field.name}` };
  }
  return field;
}

export function checkColumns(
  meta: ObjectMeta,
  operation: DmlOperation,
  columns: string[],
  externalIdField?: string,
): BatchError | null {
  const seen = new Set<string>();
  for (const column of columns) {
    const lower = column.toLowerCase();
    if (seen.has(lower)) return { code: "InvalidBatch", message: `Duplicate field name: ${column}` };
    seen.add(lower);
    // Deletes only read Id; Salesforce ignores the other columns.
    if (operation === "delete" || operation === "hardDelete") continue;
    const plan = planColumn(meta, column);
    if (isBatchError(plan)) return plan;
  }
  if (operation === "upsert") {
    const key = upsertKeyField(meta, externalIdField);
    if ("code" in key) return key;
  }
  return null;
}

/**
 * Flattens JSON/XML nested relationship values (`{"Account": {"External_Id__c": "A-1"}}`,
 * polymorphic `{"Who": {"attributes": {"type": "Lead"}, "Email": …}}`) to dotted columns.
 */
export function flattenRow(row: DmlRow): Record<string, DmlValue> {
  let nested = false;
  for (const key in row) {
    const value = row[key];
    if ((value !== null && typeof value === "object") || value === undefined || key === "attributes") nested = true;
  }
  if (!nested) return row as Record<string, DmlValue>;
  const flat: Record<string, DmlValue> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined || key === "attributes") continue;
    if (value !== null && typeof value === "object") {
      const type = value.attributes?.type;
      for (const [inner, innerValue] of Object.entries(value)) {
        if (inner === "attributes" || innerValue === undefined || (innerValue !== null && typeof innerValue === "object")) continue;
        flat[`${type ? `${type}:` : ""}${key}.${inner}`] = innerValue;
      }
      continue;
    }
    flat[key] = value;
  }
  return flat;
}
