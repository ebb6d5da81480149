/** Records to Bulk CSV: RFC 4180 quoting, `#N/A` for null (Salesforce's "set to null"), empty for undefined. */
export type CsvValue = string | number | boolean | Date | null | undefined;
export type CsvRecord = Record<string, CsvValue>;

function cell(value: CsvValue): string {
  if (value === undefined) return "";
  if (value === null) return "#N/A";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Column order: the given list, or every key in first-seen order across all records. */
function csvColumns(records: readonly CsvRecord[]): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) seen.add(key);
  return [...seen];
}

export function recordsToCsv(records: readonly CsvRecord[], columns: readonly string[] = csvColumns(records), lineEnding: "LF" | "CRLF" = "LF"): string {
  const eol = lineEnding === "CRLF" ? "\r\n" : "\n";
  const lines = [columns.map((name) => cell(name)).join(",")];
  for (const record of records) lines.push(columns.map((name) => cell(record[name])).join(","));
  return lines.join(eol) + eol;
}
