/** Browser-side upload of a CSV through the resumable uploads API, in parts of at most 4 MB cut on row boundaries. */
import Papa from "papaparse";

const PART_BYTES = 4 * 1024 * 1024 - 1024;

/** Data rows re-serialised into CSV parts, each under the server's 4 MB cap; a row is never split. */
export function splitIntoParts(rows: string[][]): string[] {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const row of rows) {
    const line = `${Papa.unparse([row], { newline: "\n" })}\n`;
    const bytes = encoder.encode(line).length;
    if (size + bytes > PART_BYTES && current.length) {
      parts.push(current.join(""));
      current = [];
      size = 0;
    }
    current.push(line);
    size += bytes;
  }
  if (current.length) parts.push(current.join(""));
  return parts;
}

async function send(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string }; message?: string };
  if (!response.ok) throw new Error(body.error?.message ?? body.message ?? `The server answered ${response.status}.`);
  return body;
}

/** Parses the file, uploads header + parts, completes the upload; returns its id. Errors carry the API's message. */
export async function uploadCsvFile(file: File): Promise<string> {
  const text = (await file.text()).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`Row ${(parsed.errors[0].row ?? 0) + 1}: ${parsed.errors[0].message}`);
  const [columns, ...rows] = parsed.data;
  if (!columns || rows.length === 0) throw new Error("The file has no data rows under its header.");
  const json = { "content-type": "application/json" };
  const { id } = (await send("/api/uploads", { method: "POST", headers: json, body: JSON.stringify({ fileName: file.name, columns, byteSize: file.size }) })) as { id: string };
  const parts = splitIntoParts(rows);
  for (const [index, part] of parts.entries()) {
    await send(`/api/uploads/${id}/parts/${index + 1}`, { method: "PUT", headers: { "content-type": "text/csv" }, body: part });
  }
  await send(`/api/uploads/${id}/complete`, { method: "POST", headers: json, body: JSON.stringify({ partCount: parts.length, rowCount: rows.length }) });
  return id;
}
