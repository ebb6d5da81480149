/**
 * `npm run bench [suite…] [-- --flag value…]`: runs the chosen suites (all when none is named) one after
 * the other, each in its own process, echoes their tables, and merges their figures into
 * bench/results.json (git-ignored) and bench/RESULTS.md (committed). A suite that was not run keeps its
 * previous section, with its own date, so a long suite can be re-measured alone. Flags go to every suite;
 * each reads the ones it knows. Suites report figures with `BENCH_JSON {…}` lines (see support/report.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resultsMarkdown, type SuiteResult } from "./support/results-markdown";

const here = path.dirname(fileURLToPath(import.meta.url));
const SUITES = [
  { name: "pipeline", title: "End to end: our pipeline vs jsforce vs the emulator's raw rate" },
  { name: "browser-parse", title: "Browser-side parse in headless Chromium vs papaparse in Node" },
  { name: "history", title: "History at scale: 100,000 jobs, 1,000,000 batches, against next start" },
  { name: "csv-splitter", title: "CSV splitting: our streaming splitter vs papaparse" },
  { name: "emulator-data", title: "Emulator data plane: inserts and query streaming" },
  { name: "emulator-http", title: "Emulator over HTTP: Bulk v1 / v2 inserts, query streaming" },
];

const args = process.argv.slice(2);
const flags = args.filter((arg, i) => arg.startsWith("--") || args[i - 1]?.startsWith("--"));
const names = args.filter((arg) => !flags.includes(arg));
const unknown = names.filter((name) => !SUITES.some((suite) => suite.name === name));
if (unknown.length) {
  console.error(`Unknown suite ${unknown.join(", ")}; choose from ${SUITES.map((s) => s.name).join(", ")}.`);
  process.exit(2);
}

const resultsFile = path.join(here, "results.json");
const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { suites?: Record<string, SuiteResult> }).suites ?? {} : {};
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
const suites: Record<string, SuiteResult> = {};
let failed = false;
for (const suite of SUITES) {
  if (names.length && !names.includes(suite.name)) {
    if (previous[suite.name]) suites[suite.name] = previous[suite.name];
    continue;
  }
  console.log(`\n══ ${suite.title} (${suite.name}) ══`);
  const started = Date.now();
  const loadBefore = loadavg()[0];
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", path.join(here, `${suite.name}.ts`), ...flags], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (run.stdout ?? "").split("\n");
  process.stdout.write(lines.filter((line) => !line.startsWith("BENCH_JSON ")).join("\n"));
  failed ||= run.status !== 0;
  suites[suite.name] = {
    title: suite.title,
    date: new Date().toISOString(),
    machine,
    flags,
    status: run.status === 0 ? "ok" : "failed",
    seconds: Math.round((Date.now() - started) / 1000),
    load: [loadBefore, loadavg()[0]].map((n) => Math.round(n * 10) / 10),
    figures: lines.filter((line) => line.startsWith("BENCH_JSON ")).map((line) => JSON.parse(line.slice("BENCH_JSON ".length)) as Record<string, unknown>),
    output: lines.filter((line) => !line.startsWith("BENCH_JSON ")).join("\n").trim(),
  };
}

writeFileSync(resultsFile, JSON.stringify({ updated: new Date().toISOString(), suites }, null, 2));
writeFileSync(path.join(here, "RESULTS.md"), resultsMarkdown(SUITES, suites));
console.log("\nWrote bench/results.json and bench/RESULTS.md.");
if (failed) process.exit(1);
