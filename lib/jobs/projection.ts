/** Turns an uploaded row into the row Salesforce gets: mapped columns renamed, unmapped ones left out, constants added. */
import { z } from "zod";

export const columnMappingSchema = z.object({
  /** CSV header → field API name (relationship columns as `Account.External_Id__c`). Unlisted columns are not sent. */
  columns: z.record(z.string(), z.string().min(1)).optional(),
  /** Field API name → one value for every row. */
  constants: z.record(z.string().min(1), z.string()).optional(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export interface Projection {
  header: string[];
  project(values: readonly string[]): string[];
}

export function buildProjection(sourceColumns: readonly string[], mapping: ColumnMapping | null | undefined): Projection {
  if (!mapping?.columns && !mapping?.constants) {
    return { header: [...sourceColumns], project: (values) => [...values] };
  }
  const picks: number[] = [];
  const header: string[] = [];
  sourceColumns.forEach((column, index) => {
    const field = mapping.columns?.[column];
    if (field) {
      picks.push(index);
      header.push(field);
    }
  });
  const constants = Object.entries(mapping.constants ?? {});
  header.push(...constants.map(([field]) => field));
  const constantValues = constants.map(([, value]) => value);
  return { header, project: (values) => [...picks.map((i) => values[i] ?? ""), ...constantValues] };
}

/** RFC 4180 for Salesforce (no spreadsheet escaping here: the data must arrive exactly as written). */
export function toCsvRow(values: readonly string[]): string {
  return values.map((v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",") + "\n";
}
