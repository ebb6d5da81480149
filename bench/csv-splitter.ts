/**
 * CSV splitter throughput versus papaparse's plain parse of the same ~100 MB file, measured in the same run.
 * Run: npm run bench csv-splitter -- --mb 100   (two files: realistic quoted rows, and quote-free rows)
 * The splitter streams the file from disk (read time included); papaparse parses the already-loaded string
 * (read time excluded), so the comparison is tilted in papaparse's favour.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { splitCsv } from "../lib/salesforce/csv/splitter";
import { goal } from "./support/report";
import { numberArg } from "./support/stats";

const targetMb = numberArg("mb", 100);
const file = join(tmpdir(), `csv-splitter-bench-${process.pid}.csv`);

/** "quoted": realistic rows (every row has a quoted field, 1 in 7 an embedded newline); "plain": no quotes at all, papaparse's fastest path. */
type Shape = "quoted" | "plain";

function plainRow(i: number): string {
  return `Account ${i},Plain description ${i},${(i * 37) % 100000}.50,2026-01-${String((i % 28) + 1).padStart(2, "0")},user${i}@example.com,Street ${i} Suite ${i % 100}\n`;
}

function row(i: number, shape: Shape): string {
  if (shape === "plain") return plainRow(i);
  const quoted = i % 7 === 0 ? `"Says ""hello"", then
waves"` : `Plain description ${i}`;
  return `Account ${i},${quoted},${(i * 37) % 100000}.50,2026-01-${String((i % 28) + 1).padStart(2, "0")},user${i}@example.com,"Street ${i}, Suite ${i % 100}"\n`;
}

async function generate(shape: Shape): Promise<number> {
  const out = createWriteStream(file);
  out.write("Name,Description,AnnualRevenue,CloseDate,Email,BillingStreet\n");
  let bytes = 0;
  let i = 0;
  while (bytes < targetMb * 1_000_000) {
    let block = "";
    for (let k = 0; k < 1000; k++) block += row(i++, shape);
    bytes += Buffer.byteLength(block);
    if (!out.write(block)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return i;
}

async function timeSplitter(target: "v1" | "v2"): Promise<{ seconds: number; parts: number; records: number }> {
  const start = process.hrtime.bigint();
  let parts = 0;
  let records = 0;
  for await (const part of splitCsv(createReadStream(file, { highWaterMark: 1 << 20 }), { target })) {
    parts += 1;
    records += part.records;
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, parts, records };
}

function timePapa(text: string): { seconds: number; rows: number } {
  const start = process.hrtime.bigint();
  const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, rows: result.data.length - 1 };
}

async function measure(shape: Shape): Promise<number> {
  const rows = await generate(shape);
  const mb = (await stat(file)).size / 1_000_000;
  console.log(`\n[${shape}] file: ${mb.toFixed(1)} MB, ${rows} rows`);
  let text: string | null = await readFile(file, "utf8");
  timePapa(text.slice(0, 5_000_000)); // warm-up
  const papa = timePapa(text);
  text = null; // let the 100 MB string go before the streaming runs
  const v1 = await timeSplitter("v1");
  const v2 = await timeSplitter("v2");
  await rm(file, { force: true });
  if (papa.rows !== rows || v1.records !== rows || v2.records !== rows) throw new Error(`row counts differ: papaparse ${papa.rows}, v1 ${v1.records}, v2 ${v2.records}, expected ${rows}`);
  const papaSpeed = mb / papa.seconds;
  const v1Speed = mb / v1.seconds;
  const v2Speed = mb / v2.seconds;
  console.log(`papaparse parse (in memory): ${papaSpeed.toFixed(1)} MB/s`);
  console.log(`splitter v1 (from disk):     ${v1Speed.toFixed(1)} MB/s, ${v1.parts} batches`);
  console.log(`splitter v2 (from disk):     ${v2Speed.toFixed(1)} MB/s, ${v2.parts} uploads`);
  const ratio = Math.min(v1Speed, v2Speed) / papaSpeed;
  console.log(`ratio splitter/papaparse: v1 ${(v1Speed / papaSpeed).toFixed(2)}, v2 ${(v2Speed / papaSpeed).toFixed(2)} (goal ≥ 0.80)`);
  return ratio;
}

async function main(): Promise<void> {
  const worst = Math.min(await measure("quoted"), await measure("plain"));
  console.log("");
  goal("splitter at least 80 % of papaparse's raw parse speed", worst >= 0.8, `worst ratio ${worst.toFixed(2)} over quoted and plain files, v1 and v2`);
}

main().catch(async (error: unknown) => {
  await rm(file, { force: true });
  console.error(error);
  process.exit(1);
});
