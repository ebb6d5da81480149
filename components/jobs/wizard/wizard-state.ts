/** What the wizard's first step decides, and the defaults. */
import type { ColumnMapping } from "@/lib/jobs/projection";
import type { ObjectSummary } from "@/lib/orgs/describe";
import { findField, type BulkOperationName, type DateFormat, type ObjectInfo } from "@/lib/preflight";

export interface WizardConnection {
  id: string;
  label: string;
  isSandbox: boolean;
}

export type { ObjectSummary };

export interface TargetChoice {
  orgConnectionId: string;
  object: string;
  operation: BulkOperationName;
  externalIdField: string;
  api: "v1" | "v2";
  serial: boolean;
  batchSize: string;
  pkChunking: boolean;
  pkChunkSize: string;
}

export const isQuery = (operation: BulkOperationName) => operation === "query" || operation === "queryAll";

/** Whether the object accepts the operation, from describeGlobal's flags. */
export function allows(object: ObjectSummary, operation: BulkOperationName): boolean {
  switch (operation) {
    case "insert":
      return object.createable;
    case "update":
      return object.updateable;
    case "upsert":
      return object.createable && object.updateable;
    case "delete":
    case "hardDelete":
      return object.deletable;
    default:
      return object.queryable;
  }
}

export const OPERATION_HINTS: Record<BulkOperationName, string> = {
  insert: "Creates a record from each row.",
  update: "Changes existing records, matched by their Id column.",
  upsert: "Updates records matched on an external id field, and creates the ones not found.",
  delete: "Moves the records named by their Id column to the recycle bin.",
  hardDelete: "Deletes the records for good, without the recycle bin (admins only).",
  query: "Exports the rows a SOQL query selects.",
  queryAll: "Like query, and also returns deleted and archived records.",
};

/** The extra options POST /api/jobs takes for the chosen API. */
export function apiOptions(target: TargetChoice): Record<string, unknown> {
  if (target.api === "v2") return { api: "v2" };
  const query = isQuery(target.operation);
  const batchSize = Number(target.batchSize);
  const chunk = Number(target.pkChunkSize);
  return {
    api: "v1",
    ...(target.serial && !query ? { concurrencyMode: "Serial" } : {}),
    ...(!query && target.batchSize && Number.isInteger(batchSize) ? { batchSize } : {}),
    ...(query && target.pkChunking ? { pkChunking: true, ...(target.pkChunkSize && Number.isInteger(chunk) ? { pkChunkSize: chunk } : {}) } : {}),
  };
}

export interface WizardMapping {
  /** CSV header → field (or `Relationship.ExternalIdField`); "" = not mapped. */
  columns: Record<string, string>;
  constants: { field: string; value: string }[];
  /** Per header, how its dates are written (used when the mapped field is a date or datetime). */
  dates: Record<string, { format: DateFormat; timeZone: string }>;
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function dateKindOf(object: ObjectInfo, target: string): "date" | "datetime" | null {
  if (!target || target.includes(".")) return null;
  const field = findField(object, target);
  return field?.type === "date" || field?.type === "datetime" ? field.type : null;
}

/** The mapping as POST /api/jobs and the validator take it. */
export function toColumnMapping(mapping: WizardMapping, object: ObjectInfo): ColumnMapping {
  const columns: Record<string, string> = {};
  const dates: NonNullable<ColumnMapping["dates"]> = {};
  for (const [header, target] of Object.entries(mapping.columns)) {
    if (!target.trim()) continue;
    columns[header] = target.trim();
    const kind = dateKindOf(object, target.trim());
    if (!kind) continue;
    const chosen = mapping.dates[header] ?? { format: "iso", timeZone: browserTimeZone() };
    dates[header] = kind === "datetime" ? { kind, format: chosen.format, timeZone: chosen.timeZone || browserTimeZone() } : { kind, format: chosen.format };
  }
  const constants = Object.fromEntries(mapping.constants.filter((c) => c.field.trim()).map((c) => [c.field.trim(), c.value]));
  return { columns, constants, dates };
}

/** A saved (or sent) mapping back into the wizard's form, keeping only this file's columns. */
export function fromColumnMapping(saved: ColumnMapping, headers: string[]): WizardMapping {
  const columns = Object.fromEntries(headers.map((h) => [h, saved.columns?.[h] ?? ""]));
  const dates: WizardMapping["dates"] = {};
  for (const [header, value] of Object.entries(saved.dates ?? {})) dates[header] = { format: value.format, timeZone: value.timeZone ?? browserTimeZone() };
  return { columns, constants: Object.entries(saved.constants ?? {}).map(([field, value]) => ({ field, value })), dates };
}
