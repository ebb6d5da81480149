/**
 * `npm run bench`: runs every benchmark script in turn (each measures us against a peer in the
 * same run), echoes their tables, and writes bench/results.json (git-ignored) and bench/RESULTS.md.
 * A script reports machine-readable figures with lines `BENCH_JSON {…}` on stdout.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const SUITES = [
  { file: "csv-splitter.ts", title: "CSV splitting: our streaming splitter vs papaparse" },
  { file: "emulator-data.ts", title: "Emulator data plane: inserts and query streaming" },
  { file: "emulator-http.ts", title: "Emulator over HTTP: Bulk v1 / v2 inserts, query streaming" },
  { file: "pipeline.ts", title: "End to end: our pipeline vs jsforce" },
];

interface SuiteResult {
  title: string;
  file: string;
  status: "ok" | "failed" | "missing";
  seconds: number;
  figures: unknown[];
  output: string;
}

const only = process.argv.slice(2);
const results: SuiteResult[] = [];
for (const suite of SUITES) {
  if (only.length && !only.some((name) => suite.file.startsWith(name))) continue;
  const file = path.join(here, suite.file);
  if (!existsSync(file)) {
    results.push({ ...suite, status: "missing", seconds: 0, figures: [], output: "" });
    continue;
  }
  console.log(`\n══ ${suite.title} (${suite.file}) ══`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", file], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = run.stdout ?? "";
  process.stdout.write(output.split("\n").filter((line) => !line.startsWith("BENCH_JSON ")).join("\n"));
  const figures = output
    .split("\n")
    .filter((line) => line.startsWith("BENCH_JSON "))
    .map((line) => JSON.parse(line.slice("BENCH_JSON ".length)) as unknown);
  results.push({
    ...suite,
    status: run.status === 0 ? "ok" : "failed",
    seconds: Math.round((Date.now() - started) / 1000),
    figures,
    output,
  });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const date = new Date().toISOString();
writeFileSync(path.join(here, "results.json"), JSON.stringify({ date, machine, results }, null, 2));
const markdown = [
  "# Benchmark results",
  "",
  `Measured ${date.slice(0, 10)} on ${machine} by \`npm run bench\`. Each figure is measured in the same run as its peer.`,
  "",
  ...results.flatMap((r) => [
    `## ${r.title}`,
    "",
    r.status === "missing" ? "_Not measured: the benchmark script does not exist yet._" : "```",
    ...(r.status === "missing" ? [] : [r.output.split("\n").filter((l) => !l.startsWith("BENCH_JSON ")).join("\n").trim(), "```"]),
    r.status === "failed" ? "\n**The script failed; the figures above are incomplete.**" : "",
    "",
  ]),
].join("\n");
if (!only.length) writeFileSync(path.join(here, "RESULTS.md"), markdown);
console.log(`\nWrote bench/results.json${only.length ? "" : " and bench/RESULTS.md"}.`);
if (results.some((r) => r.status === "failed")) process.exit(1);
