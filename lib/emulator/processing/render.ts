/** Renders single result rows (ingest results and query records) in each Bulk wire format. */
import { csvValue, flattenRecord, type DmlError, type DmlRowResult, type QueryColumn, type QueryRecord } from "../org";
import { escapeXml } from "../protocols/common/format";

/** Every cell quoted, `"` doubled: how Salesforce writes result and query CSV. */
export function quoteCsv(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** `STATUS_CODE:message:Field1,Field2 --`, or `STATUS_CODE:message:--` when no field applies. */
export function errorCell(errors: DmlError[]): string {
  return errors
    .map((error) => `${error.statusCode}:${error.message}:${error.fields.length ? `${error.fields.join(",")} ` : ""}--`)
    .join(" ");
}

export function v1ResultCsv(result: DmlRowResult): string {
  return [result.id ?? "", String(result.success), String(result.created), result.success ? "" : errorCell(result.errors)]
    .map(quoteCsv)
    .join(",") + "\n";
}

export function v1ResultXml(result: DmlRowResult): string {
  const errors = result.errors
    .map(
      (error) =>
        `<errors>${error.fields.map((field) => `<fields>${escapeXml(field)}</fields>`).join("")}<message>${escapeXml(error.message)}</message><statusCode>${escapeXml(error.statusCode)}</statusCode></errors>`,
    )
    .join("");
  const id = result.id ? `<id>${result.id}</id>` : '<id xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';
  return `<result>${errors}${id}<success>${result.success}</success><created>${result.created}</created></result>`;
}

export function v1ResultJson(result: DmlRowResult): string {
  return JSON.stringify({
    success: result.success,
    created: result.created,
    id: result.id,
    errors: result.errors.map((error) => ({ statusCode: error.statusCode, message: error.message, fields: error.fields })),
  });
}

export interface CsvDialect {
  delimiter: string;
  lineEnding: string;
}

/** v2 successfulResults row: `"sf__Id","sf__Created",<input…>`. */
export function v2SuccessRow(result: DmlRowResult, input: string[], dialect: CsvDialect): string {
  return [result.id ?? "", String(result.created), ...input].map(quoteCsv).join(dialect.delimiter) + dialect.lineEnding;
}

/** v2 failedResults row: `"sf__Id","sf__Error",<input…>`. */
export function v2FailedRow(result: DmlRowResult, input: string[], dialect: CsvDialect): string {
  return [result.id ?? "", errorCell(result.errors), ...input].map(quoteCsv).join(dialect.delimiter) + dialect.lineEnding;
}

export function csvRow(values: string[], dialect: CsvDialect): string {
  return values.map(quoteCsv).join(dialect.delimiter) + dialect.lineEnding;
}

export function queryCsvHeader(columns: QueryColumn[], dialect: CsvDialect): string {
  return columns.map((column) => quoteCsv(column.path)).join(dialect.delimiter) + dialect.lineEnding;
}

export function queryCsvRow(record: QueryRecord, columns: QueryColumn[], dialect: CsvDialect): string {
  const values = flattenRecord(record, columns);
  return values.map((value, i) => quoteCsv(csvValue(value, columns[i].type))).join(dialect.delimiter) + dialect.lineEnding;
}

export function queryJsonRow(record: QueryRecord): string {
  return JSON.stringify(record);
}

/** Children of an XML query record: type, the Id (nil unless selected), then the fields in query order. */
function xmlChildren(record: Record<string, unknown>): string {
  const type = (record.attributes as { type?: string } | undefined)?.type ?? "";
  const id = typeof record.Id === "string" ? `<sf:Id>${record.Id}</sf:Id>` : '<sf:Id xsi:nil="true"/>';
  const fields = Object.entries(record)
    .filter(([key]) => key !== "attributes")
    .map(([key, value]) => xmlField(key, value))
    .join("");
  return `<sf:type>${escapeXml(type)}</sf:type>${id}${fields}`;
}

function xmlField(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<sf:${name} xsi:nil="true"/>`;
  if (typeof value === "object") return `<sf:${name} xsi:type="sf:sObject">${xmlChildren(value as Record<string, unknown>)}</sf:${name}>`;
  return `<sf:${name}>${escapeXml(String(value))}</sf:${name}>`;
}

/**
 * v1 XML query record as the Bulk API writes it: partner-style `sf:` elements, where a selected Id
 * appears twice (once as the record's Id, once as a field) and an unselected one once, as nil.
 */
export function queryXmlRow(record: QueryRecord): string {
  return `<records xsi:type="sf:sObject">${xmlChildren(record)}</records>`;
}
