/** The streaming CSV splitter: quoting, embedded newlines, BOM, line endings, limits, and bounded memory. */
import { Readable } from "node:stream";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CsvLimitError, recordsToCsv, splitCsv, type CsvPart, type SplitCsvOptions } from "../../../lib/salesforce";
import type { CsvSource } from "../../../lib/salesforce/csv/splitter";

async function parts(source: CsvSource, options: SplitCsvOptions = {}): Promise<CsvPart[]> {
  const out: CsvPart[] = [];
  for await (const part of splitCsv(source, options)) out.push(part);
  return out;
}

const rows = (part: CsvPart) => Papa.parse<string[]>(part.body.toString("utf8"), { skipEmptyLines: true }).data;

/** Feeds the text in tiny chunks so every boundary (inside quotes, between CR and LF, inside the BOM) is exercised. */
function chunked(text: string, size: number): Readable {
  const buffer = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
  return Readable.from(chunks);
}

const TRICKY = 'Name,Description\n"Acme, Inc.","Line one\nline two"\n"Quote ""here""",plain\nLast,"ends with quote"""\n';

describe("splitCsv", () => {
  it("keeps quoting and embedded newlines intact, whatever the chunk size", async () => {
    for (const size of [1, 2, 3, 7, 64, 1 << 16]) {
      const [part] = await parts(chunked(TRICKY, size));
      expect(part.body.toString()).toBe(TRICKY);
      expect(part.records).toBe(3);
      expect(rows(part)[1]).toEqual(["Acme, Inc.", "Line one\nline two"]);
    }
  });

  it("strips a UTF-8 BOM, even split across chunks, and keeps non-ASCII text", async () => {
    const text = "\uFEFFName\nZoë\n日本\n";
    for (const size of [1, 2, 100]) {
      const [part] = await parts(chunked(text, size));
      expect(part.body.toString()).toBe("Name\nZoë\n日本\n");
    }
  });

  it("converts record line endings to the chosen one but leaves embedded newlines alone", async () => {
    const crlf = 'Name,Note\r\nA,"x\r\ny"\r\nB,z\r\n';
    for (const size of [1, 2, 3, 1000]) {
      const [lf] = await parts(chunked(crlf, size), { lineEnding: "LF" });
      expect(lf.body.toString()).toBe('Name,Note\nA,"x\r\ny"\nB,z\n');
      const [same] = await parts(chunked(crlf, size), { lineEnding: "CRLF" });
      expect(same.body.toString()).toBe(crlf);
    }
    const [back] = await parts("Name\nA\nB", { lineEnding: "CRLF" });
    expect(back.body.toString()).toBe("Name\r\nA\r\nB\r\n");
  });

  it("adds the header to every part and splits by record count and by bytes", async () => {
    const csv = recordsToCsv(Array.from({ length: 25 }, (_, i) => ({ Id: i, Name: `n${i}` })));
    const byCount = await parts(csv, { limits: { maxRecords: 10 } });
    expect(byCount.map((p) => p.records)).toEqual([10, 10, 5]);
    expect(byCount.map((p) => p.firstRecord)).toEqual([1, 11, 21]);
    for (const part of byCount) expect(part.body.toString().startsWith("Id,Name\n")).toBe(true);
    const byBytes = await parts(csv, { limits: { maxBytes: 40 } });
    for (const part of byBytes) expect(part.bytes).toBeLessThanOrEqual(40);
    expect(byBytes.reduce((sum, p) => sum + p.records, 0)).toBe(25);
  });

  it("splits at 10,000 records for v1 and keeps one part for v2", async () => {
    const csv = "Name\n" + Array.from({ length: 20_001 }, (_, i) => `r${i}`).join("\n");
    expect((await parts(csv)).map((p) => p.records)).toEqual([10_000, 10_000, 1]);
    expect((await parts(csv, { target: "v2" })).map((p) => p.records)).toEqual([20_001]);
  });

  it("drops blank lines and handles a missing final newline", async () => {
    const [part] = await parts("Name\n\nA\n\nB");
    expect(part.body.toString()).toBe("Name\nA\nB\n");
    expect(part.records).toBe(2);
  });

  it("names the record whose field is over 131,072 characters", async () => {
    const long = "x".repeat(131_073);
    const error = await parts(`Name,Description\nok,fine\nbad,"${long}"\n`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvLimitError);
    expect((error as CsvLimitError).record).toBe(2);
    expect((error as Error).message).toMatch(/Record 2, field 2 has 131073 characters/);
    // Exactly at the limit is fine.
    expect((await parts(`Name\n"${"y".repeat(131_072)}"\n`))[0].records).toBe(1);
  });

  it("names the record over 400,000 characters and reports unterminated quotes", async () => {
    const field = "z".repeat(100_000);
    const record = [field, field, field, field, "tail"].join(",");
    const error = await parts(`A,B,C,D,E\n${record}\n`).catch((e: unknown) => e);
    expect((error as CsvLimitError).record).toBe(1);
    expect((error as Error).message).toMatch(/400000 per record/);
    await expect(parts('Name\n"never closed\n')).rejects.toThrow(/unterminated/);
  });

  it("splits 1,000,000 generated rows in bounded memory", async () => {
    const total = 1_000_000;
    const padding = "p".repeat(60);
    async function* generate() {
      yield "Name,Description,Amount,Padding\n";
      for (let i = 0; i < total; i += 1000) {
        let block = "";
        for (let k = i; k < i + 1000; k++) block += `Row ${k},"Text, with comma ${k}",${k}.5,${padding}\n`;
        yield block;
      }
    }
    // Buffers live outside the V8 heap, so count both.
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    let peak = 0;
    let records = 0;
    let count = 0;
    for await (const part of splitCsv(generate())) {
      records += part.records;
      count += 1;
      if (count % 10 === 0) peak = Math.max(peak, used() - before);
    }
    expect(records).toBe(total);
    expect(count).toBe(100);
    expect(peak).toBeGreaterThan(0);
    // The input is ~100 MB; holding it, or every part, would blow this bound.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });
});

describe("recordsToCsv", () => {
  it("quotes what needs quoting and writes null as #N/A", () => {
    expect(recordsToCsv([{ A: 'x,"y"', B: null, C: undefined, D: 5, E: " pad" }])).toBe('A,B,C,D,E\n"x,""y""",#N/A,,5," pad"\n');
  });
});
