/** The Account file every end-to-end contender loads: ~140 bytes a row, so 1,000,000 rows ≈ 140 MB. */
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";

export const ACCOUNT_COLUMNS = ["Name", "External_Id__c", "Industry", "AnnualRevenue", "Description", "BillingCity"];

/** Every 1,000th row has no Name, so Salesforce fails it (REQUIRED_FIELD_MISSING): failures are part of the load. */
export const failingRows = (rows: number) => Math.floor(rows / 1000);

function row(i: number): string {
  const name = i % 1000 === 0 ? "" : `Bench Account ${i}`;
  return `${name},EXT-${String(i).padStart(10, "0")},Energy,${(i % 1000) * 1000},"Row ${i}, loaded by the end-to-end benchmark; a note of realistic length",San Francisco\n`;
}

/** Writes the header and rows 1..rows; returns the file size in bytes. */
export async function writeAccountCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${ACCOUNT_COLUMNS.join(",")}\n`);
  for (let i = 1; i <= rows; i += 1000) {
    let block = "";
    for (let k = i; k < Math.min(i + 1000, rows + 1); k += 1) block += row(k);
    if (!out.write(block)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return (await stat(file)).size;
}

/** The data rows of the file (header skipped) as groups of whole lines, each at most maxBytes (rows hold no newlines). */
export async function* lineGroups(file: string, maxBytes: number, maxLines = Infinity): AsyncGenerator<{ text: Buffer; lines: number }> {
  let pending: Buffer = Buffer.alloc(0);
  let header = true;
  let chunks: Buffer[] = [];
  let size = 0;
  let lines = 0;
  for await (const data of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, data]) : data;
    let start = 0;
    for (let end = pending.indexOf(10, start); end >= 0; end = pending.indexOf(10, start)) {
      const line = pending.subarray(start, end + 1);
      start = end + 1;
      if (header) {
        header = false;
        continue;
      }
      if (lines && (size + line.length > maxBytes || lines >= maxLines)) {
        yield { text: Buffer.concat(chunks), lines };
        chunks = [];
        size = 0;
        lines = 0;
      }
      chunks.push(line);
      size += line.length;
      lines += 1;
    }
    pending = Buffer.from(pending.subarray(start));
  }
  if (lines) yield { text: Buffer.concat(chunks), lines };
}
