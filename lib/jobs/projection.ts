/** Turns an uploaded row into the row Salesforce gets: mapped columns renamed, unmapped ones left out, constants added, dates converted. */
import { z } from "zod";
import { convertDate, convertDateTime, isValidTimeZone } from "../preflight/dates";

const dateColumnSchema = z
  .object({
    kind: z.enum(["date", "datetime"]),
    format: z.enum(["iso", "mdy", "dmy"]),
    /** IANA zone for datetime values written without an offset. */
    timeZone: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "datetime" && !value.timeZone) {
      ctx.addIssue({ code: "custom", path: ["timeZone"], message: "A datetime column needs the time zone its values are written in." });
    } else if (value.timeZone !== undefined && !isValidTimeZone(value.timeZone)) {
      ctx.addIssue({ code: "custom", path: ["timeZone"], message: `Unknown time zone "${value.timeZone}" (use an IANA name such as Europe/Berlin).` });
    }
  });
export type DateColumn = z.infer<typeof dateColumnSchema>;

export const columnMappingSchema = z.object({
  /** CSV header → field API name (relationship columns as `Account.External_Id__c`). Unlisted columns are not sent. */
  columns: z.record(z.string(), z.string().min(1)).optional(),
  /** Field API name → one value for every row. */
  constants: z.record(z.string().min(1), z.string()).optional(),
  /** CSV header → how its dates are written; sent as Salesforce's ISO form. */
  dates: z.record(z.string(), dateColumnSchema).optional(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export interface Projection {
  header: string[];
  project(values: readonly string[]): string[];
}

/** The value Salesforce gets; one that does not convert goes unchanged, so Salesforce reports it on its row. */
function convertDateValue(value: string, column: DateColumn): string {
  const converted = column.kind === "date" ? convertDate(value, column.format) : convertDateTime(value, column.format, column.timeZone ?? "UTC");
  return converted ?? value;
}

type Cell = (values: readonly string[]) => string;

function cellOf(index: number, column: DateColumn | undefined): Cell {
  if (!column) return (values) => values[index] ?? "";
  return (values) => convertDateValue(values[index] ?? "", column);
}

export function buildProjection(sourceColumns: readonly string[], mapping: ColumnMapping | null | undefined): Projection {
  const dates = mapping?.dates ?? {};
  if (!mapping?.columns && !mapping?.constants) {
    if (Object.keys(dates).length === 0) return { header: [...sourceColumns], project: (values) => [...values] };
    const cells = sourceColumns.map((column, index) => cellOf(index, dates[column]));
    return { header: [...sourceColumns], project: (values) => cells.map((cell) => cell(values)) };
  }
  const cells: Cell[] = [];
  const header: string[] = [];
  sourceColumns.forEach((column, index) => {
    const field = mapping.columns?.[column];
    if (field) {
      cells.push(cellOf(index, dates[column]));
      header.push(field);
    }
  });
  const constants = Object.entries(mapping.constants ?? {});
  header.push(...constants.map(([field]) => field));
  const constantValues = constants.map(([, value]) => value);
  return { header, project: (values) => [...cells.map((cell) => cell(values)), ...constantValues] };
}

/** RFC 4180 for Salesforce (no spreadsheet escaping here: the data must arrive exactly as written). */
export function toCsvRow(values: readonly string[]): string {
  return values.map((v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",") + "\n";
}
