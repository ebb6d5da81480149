import type { ObjectMeta } from "../../objects";
import type { DmlValue } from "../types";
import { coerceValue } from "./coerce";
import { isBatchError, planColumn, type ColumnPlan } from "./columns";
import type { ParsedRow } from "./context";
import { dmlError } from "./errors";

export type RowFormat = "csv" | "json" | "xml";

export class RowParser {
  private readonly plans = new Map<string, ColumnPlan | null>();

  constructor(
    private readonly meta: ObjectMeta,
    private readonly format: RowFormat,
  ) {}

  private plan(column: string): ColumnPlan | null {
    let plan = this.plans.get(column);
    if (plan === undefined) {
      const planned = planColumn(this.meta, column);
      plan = isBatchError(planned) ? null : planned;
      this.plans.set(column, plan);
    }
    return plan;
  }

  /** undefined = leave unchanged, null = set null. */
  private normalize(raw: DmlValue): string | number | boolean | null | undefined {
    if (raw === null) return null;
    if (typeof raw !== "string") return raw;
    if (raw === "") return this.format === "json" ? null : undefined;
    if (raw === "#N/A" && this.format !== "json") return null;
    return raw;
  }

  parse(index: number, row: Record<string, DmlValue>): ParsedRow {
    const parsed: ParsedRow = { index, changes: new Map(), present: [], lookups: [] };
    for (const [column, raw] of Object.entries(row)) {
      const value = this.normalize(raw);
      if (value === undefined) continue;
      const plan = this.plan(column);
      if (!plan) {
        parsed.error ??= dmlError(
          "INVALID_FIELD",
          `No such column '${column}' on entity '${this.meta.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
          [],
        );
        continue;
      }
      const field = plan.kind === "field" ? plan.field : plan.reference;
      if (plan.kind === "field" && field.name === "Id") {
        if (value !== null) parsed.rawId = String(value);
        parsed.present.push(field);
        continue;
      }
      parsed.present.push(field);
      if (value === null) {
        parsed.changes.set(field.name, null);
        continue;
      }
      const coerced = coerceValue(plan.kind === "field" ? plan.field : plan.lookupField, value);
      if ("error" in coerced) {
        parsed.error ??= coerced.error;
        continue;
      }
      if (plan.kind === "field") parsed.changes.set(field.name, coerced.value);
      else parsed.lookups.push({ reference: plan.reference, target: plan.target, lookupField: plan.lookupField, value: coerced.value });
    }
    return parsed;
  }
}
