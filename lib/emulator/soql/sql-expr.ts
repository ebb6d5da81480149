import { fieldText } from "../db/record-columns";
import type { FieldDef, FieldType } from "../objects";

export const NUMERIC_TYPES = new Set<FieldType>(["currency", "double", "percent", "int"]);
export const TEXT_TYPES = new Set<FieldType>(["string", "textarea", "picklist", "multipicklist", "combobox", "email", "phone", "url"]);

/** Raw text of a field (what the row decoder reads). */
export function textExpr(alias: string, field: Pick<FieldDef, "name">): string {
  return fieldText(alias, field.name);
}

/** Typed expression for comparisons and sorting (text compares case-insensitively, like SOQL). */
export function typedExpr(alias: string, field: FieldDef): string {
  if (field.name === "IsDeleted") return `${alias}.is_deleted`;
  const raw = textExpr(alias, field);
  if (NUMERIC_TYPES.has(field.type)) return `${raw}::numeric`;
  if (field.type === "boolean") return `${raw}::boolean`;
  if (TEXT_TYPES.has(field.type)) return `lower(${raw})`;
  return raw;
}

/** SOAP type name Salesforce uses in "must be of type …" filter errors. */
export function filterTypeName(type: FieldType): string {
  if (type === "int") return "int";
  if (NUMERIC_TYPES.has(type)) return "double";
  if (type === "datetime") return "dateTime";
  if (type === "date" || type === "boolean") return type;
  if (type === "id" || type === "reference") return "id";
  return "string";
}
