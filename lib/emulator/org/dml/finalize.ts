/** Shared last steps of inserts and updates: computed fields and required-field checks. */
import type { StoredValue } from "../../objects";
import type { DmlContext } from "./context";
import type { DmlError } from "../types";
import { requiredMissing } from "./errors";

export function applyComputed(ctx: DmlContext, fields: Record<string, StoredValue>): void {
  for (const field of ctx.meta.computedFields) {
    const value = field.compute!(fields);
    if (value === undefined) delete fields[field.name];
    else fields[field.name] = value;
  }
}

export function missingRequired(ctx: DmlContext, fields: Record<string, StoredValue>): DmlError | undefined {
  const missing = ctx.meta.requiredFields.filter((field) => fields[field.name] === undefined || fields[field.name] === "");
  return missing.length > 0 ? requiredMissing(missing.map((field) => field.name)) : undefined;
}

/** Fields of `present` the operation may not write, as Salesforce lists them. */
export function unwritable(ctx: DmlContext, present: { name: string; createable?: boolean; updateable?: boolean }[], mode: "insert" | "update"): string[] {
  if (ctx.system) return [];
  const names = present
    .filter((field) => field.name !== "Id")
    .filter((field) => (mode === "insert" ? field.createable === false : field.updateable === false))
    .map((field) => field.name);
  return [...new Set(names)];
}
