/** Bulk v1 query result sets (CSV, JSON or XML) as records, whole or streamed in bounded slices. */
import Papa from "papaparse";
import { splitCsv } from "../csv/splitter";
import { parseXml, xmlText, type XmlNode } from "../http/xml";

export type QueryRecord = Record<string, unknown>;

function fromXml(body: string): QueryRecord[] {
  const root = parseXml(body).queryResult as XmlNode | undefined;
  const records = (root?.records ?? []) as XmlNode[];
  return records.map((record) => {
    const out: QueryRecord = {};
    for (const [key, value] of Object.entries(record)) {
      if (key.startsWith("@") || key === "type") continue;
      // "A query that includes ID returns the ID field twice": keep the first non-empty one.
      const first = Array.isArray(value) ? value.find((item) => xmlText(item)) ?? value[0] : value;
      out[key] = xmlText(first) ?? null;
    }
    return out;
  });
}

export function parseQueryResult(body: string): QueryRecord[] {
  const start = body.trimStart()[0];
  if (start === "[") return JSON.parse(body) as QueryRecord[];
  if (start === "<") return fromXml(body);
  return Papa.parse<QueryRecord>(body, { header: true, skipEmptyLines: true }).data;
}

/** Streams a CSV result set record by record, holding at most one 10,000-record slice in memory. */
export async function* streamCsvRecords(body: ReadableStream<Uint8Array>): AsyncGenerator<QueryRecord> {
  for await (const part of splitCsv(body, { target: "v1" })) {
    for (const record of Papa.parse<QueryRecord>(part.body.toString("utf8"), { header: true, skipEmptyLines: true }).data) yield record;
  }
}
