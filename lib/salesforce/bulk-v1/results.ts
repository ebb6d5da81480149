/** Ingest batch results in all three v1 formats, normalized to `{ id, success, created, error }` in input order. */
import Papa from "papaparse";
import { parseXml, xmlText, type XmlNode } from "../http/xml";

export interface IngestResult {
  id: string | null;
  success: boolean;
  created: boolean;
  /** `STATUS_CODE:message:fields --` for CSV jobs; joined `STATUS_CODE:message` for XML/JSON jobs; null on success. */
  error: string | null;
}

function parseCsvRows(csv: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  return parsed.data;
}

function fromCsv(csv: string): IngestResult[] {
  return parseCsvRows(csv).map((row) => ({
    id: row.Id ? row.Id : null,
    success: row.Success === "true",
    created: row.Created === "true",
    error: row.Error ? row.Error : null,
  }));
}

interface ErrorItem {
  statusCode?: unknown;
  message?: unknown;
  fields?: unknown;
}

function joinErrors(errors: ErrorItem[]): string | null {
  if (errors.length === 0) return null;
  return errors
    .map((item) => {
      const fields = Array.isArray(item.fields) ? item.fields.map((field) => xmlText(field) ?? "").join(",") : (xmlText(item.fields) ?? "");
      return `${xmlText(item.statusCode) ?? "UNKNOWN"}:${xmlText(item.message) ?? ""}:${fields} --`;
    })
    .join("; ");
}

function fromStructured(items: Record<string, unknown>[]): IngestResult[] {
  return items.map((item) => {
    const errors = Array.isArray(item.errors) ? (item.errors as ErrorItem[]) : [];
    return {
      id: (typeof item.id === "string" ? item.id : xmlText(item.id)) || null,
      success: String(typeof item.success === "object" ? xmlText(item.success) : item.success) === "true",
      created: String(typeof item.created === "object" ? xmlText(item.created) : item.created) === "true",
      error: joinErrors(errors),
    };
  });
}

export function parseIngestResults(body: string): IngestResult[] {
  const start = body.trimStart()[0];
  if (start === "[") return fromStructured(JSON.parse(body) as Record<string, unknown>[]);
  if (start === "<") {
    const doc = parseXml(body).results;
    const list = doc && typeof doc === "object" ? (doc as XmlNode).result : undefined;
    return fromStructured((Array.isArray(list) ? list : []) as Record<string, unknown>[]);
  }
  return fromCsv(body);
}
