/** Record arrays to v1 batch bodies for JSON and XML jobs, split by the v1 record and size limits. */
import type { CsvRecord } from "../csv/writer";
import { escapeXml } from "../http/xml";
import { V1_NAMESPACE } from "./types";

const V1_MAX_RECORDS = 10_000;
const V1_MAX_BYTES = 10_000_000;

function xmlRecord(record: CsvRecord): string {
  const fields = Object.entries(record)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => (value === null ? `<${key} xsi:nil="true"/>` : `<${key}>${escapeXml(value instanceof Date ? value.toISOString() : String(value))}</${key}>`))
    .join("");
  return `<sObject>${fields}</sObject>`;
}

/** Yields bodies each holding ≤ 10,000 records and ≤ 10,000,000 bytes. */
export function* structuredBatches(records: readonly CsvRecord[], format: "JSON" | "XML"): Generator<string> {
  const head = format === "XML" ? `<?xml version="1.0" encoding="UTF-8"?><sObjects xmlns="${V1_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` : "[";
  const tail = format === "XML" ? "</sObjects>" : "]";
  const separator = format === "XML" ? "" : ",";
  let items: string[] = [];
  let bytes = head.length + tail.length;
  for (const record of records) {
    const item = format === "XML" ? xmlRecord(record) : JSON.stringify(record);
    const size = Buffer.byteLength(item) + separator.length;
    if (items.length > 0 && (items.length >= V1_MAX_RECORDS || bytes + size > V1_MAX_BYTES)) {
      yield head + items.join(separator) + tail;
      items = [];
      bytes = head.length + tail.length;
    }
    items.push(item);
    bytes += size;
  }
  if (items.length > 0) yield head + items.join(separator) + tail;
}
