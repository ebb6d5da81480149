/** Automatic column → field mapping and the field lists the mapping step offers. */
import type { BulkOperationName, FieldInfo, ObjectInfo } from "./object-info";

const isId = (field: FieldInfo) => field.name === "Id";

/** Whether a field can be written (or used as key) by the operation. */
export function fitsOperation(field: FieldInfo, operation: BulkOperationName): boolean {
  switch (operation) {
    case "insert":
      return field.createable;
    case "update":
      return isId(field) || field.updateable;
    case "upsert":
      return isId(field) || field.createable || field.updateable;
    case "delete":
    case "hardDelete":
      return isId(field);
    case "query":
    case "queryAll":
      return true;
  }
}

/** Fields the user may map a column to, in describe order. */
export function mappableFields(object: ObjectInfo, operation: BulkOperationName): FieldInfo[] {
  return object.fields.filter((field) => fitsOperation(field, operation));
}

/** Upsert keys: Id first, then every external-id or idLookup field. */
export function externalIdFields(object: ObjectInfo): FieldInfo[] {
  const keys = object.fields.filter((field) => !isId(field) && (field.externalId || field.idLookup));
  const id = object.fields.find(isId);
  return id ? [id, ...keys] : keys;
}

const loose = (text: string) => text.toLowerCase().replace(/[\s_]+/g, "");

const RELATIONSHIP_COLUMN = /^(?:([A-Za-z0-9_]+):)?([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$/;

/**
 * The reference field a `Relationship.Field` column goes through, if any; a polymorphic one names
 * its target type first (`Lead:Who.Email`), which must be one the field can point to.
 */
export function relationshipFieldOf(object: ObjectInfo, column: string): FieldInfo | undefined {
  const match = RELATIONSHIP_COLUMN.exec(column);
  if (!match) return undefined;
  const [, type, relationship] = match;
  const field = object.fields.find((f) => f.type === "reference" && f.relationshipName?.toLowerCase() === relationship.toLowerCase());
  if (!field || (type && !field.referenceTo.some((target) => target.toLowerCase() === type.toLowerCase()))) return undefined;
  return field;
}

/**
 * CSV header → field API name. Exact API names (and `Relationship.ExternalIdField` columns) win over
 * labels, so a column named like one field's label never steals another field's exact match.
 */
export function autoMap(headers: string[], object: ObjectInfo, operation: BulkOperationName): Record<string, string> {
  const fields = mappableFields(object, operation);
  const byName = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
  const byLabel = new Map<string, FieldInfo>();
  for (const field of fields) if (!byLabel.has(loose(field.label))) byLabel.set(loose(field.label), field);

  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  const take = (header: string, field: FieldInfo | undefined, target: string) => {
    if (!field || used.has(field.name) || header in mapping) return;
    used.add(field.name);
    mapping[header] = target;
  };

  for (const header of headers) {
    const name = header.trim();
    const exact = byName.get(name.toLowerCase());
    if (exact) {
      take(header, exact, exact.name);
      continue;
    }
    const reference = relationshipFieldOf(object, name);
    if (reference && fitsOperation(reference, operation)) take(header, reference, name);
  }
  for (const header of headers) {
    const field = byLabel.get(loose(header));
    if (field) take(header, field, field.name);
  }
  return mapping;
}
