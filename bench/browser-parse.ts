/**
 * Browser-side parse in headless Chromium: papaparse streaming a ~120 MB CSV File in 4 MB chunks inside
 * a Web Worker, next to the current /jobs/new way (file.text() + one parse on the main thread), and next
 * to papaparse's plain parse of the same bytes in Node (its own child process). Median of --runs (3);
 * peak memory is each process's kernel high-water mark (Chromium renderer incl. its worker; Node child).
 * Run: npm run bench browser-parse -- --mb 120 --runs 3
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import Papa from "papaparse";
import { writeAccountCsv } from "./support/account-csv";
import { ownPeakRssMb, peakRssMbOf, rssMbOf } from "./support/memory";
import { serveParsePage } from "./support/parse-page";
import { figure, goal } from "./support/report";
import { median, numberArg, table } from "./support/stats";

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The flags of playwright.config.ts: no sandbox as root, nothing calling out of an offline machine.
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

interface Run {
  seconds: number;
  rows: number;
  peakMb: number;
  /** Renderer RSS with the page loaded and the file chosen, before parsing. */
  baseMb?: number;
}

/** `--node-peer <file>`: papaparse's plain parse of the file's text, in a process of its own. */
function nodePeer(file: string, runs: number): void {
  const text = readFileSync(file, "utf8");
  const out: Run[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.length;
    out.push({ seconds: (performance.now() - started) / 1000, rows, peakMb: 0 });
  }
  console.log(JSON.stringify({ runs: out, peakMb: ownPeakRssMb() }));
}

/** One fresh browser per run, so the renderer's high-water mark belongs to that run alone. */
async function inChromium(url: string, file: string, mode: "parseInWorker" | "parseWhole"): Promise<Run> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.setInputFiles("#file", file);
    const cdp = await browser.newBrowserCDPSession();
    const renderers = async () =>
      ((await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: { type: string; id: number }[] }).processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
    const baseMb = Math.max(0, ...(await renderers()).map(rssMbOf));
    const result = await page.evaluate<{ ms: number; rows: number; errors: number }, string>(
      (name) => (window as unknown as Record<string, () => Promise<{ ms: number; rows: number; errors: number }>>)[name](),
      mode,
    );
    if (result.errors) throw new Error(`${mode}: papaparse reported ${result.errors} errors`);
    const peakMb = Math.max(0, ...(await renderers()).map(peakRssMbOf));
    return { seconds: result.ms / 1000, rows: result.rows, peakMb, baseMb };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const targetMb = numberArg("mb", 120);
  const runs = numberArg("runs", 3);
  const file = path.join(tmpdir(), `browser-parse-bench-${process.pid}.csv`);
  const rows = Math.round((targetMb * 1e6) / 141);
  const bytes = await writeAccountCsv(file, rows);
  const mb = bytes / 1e6;
  const { url, server } = await serveParsePage(path.resolve(here, ".."));
  try {
    console.log(`file: ${mb.toFixed(1)} MB, ${rows.toLocaleString("en-US")} rows + header; median of ${runs} runs each`);
    const worker: Run[] = [];
    const whole: Run[] = [];
    const node = { runs: [] as Run[], peakMb: 0 };
    // Interleaved, so the shared machine's load falls on all three alike.
    for (let i = 0; i < runs; i += 1) {
      worker.push(await inChromium(url, file, "parseInWorker"));
      whole.push(await inChromium(url, file, "parseWhole"));
      const peer = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--node-peer", file, "1"], { encoding: "utf8", maxBuffer: 1 << 20 });
      if (peer.status !== 0) throw new Error(`node peer failed: ${peer.stderr}`);
      const result = JSON.parse(peer.stdout.trim().split("\n").at(-1)!) as { runs: Run[]; peakMb: number };
      node.runs.push(...result.runs);
      node.peakMb = Math.max(node.peakMb, result.peakMb);
    }
    for (const run of [...worker, ...whole, ...node.runs]) if (run.rows !== rows + 1) throw new Error(`parsed ${run.rows} rows, expected ${rows + 1}`);
    const speed = (list: Run[]) => mb / median(list.map((r) => r.seconds));
    const nodeSpeed = speed(node.runs);
    const line = (label: string, list: Run[], peakMb: number, base?: number) => [
      label,
      `${median(list.map((r) => r.seconds)).toFixed(2)} s`,
      `${speed(list).toFixed(1)} MB/s`,
      (speed(list) / nodeSpeed).toFixed(2),
      `${peakMb} MB`,
      base === undefined ? "" : `${base} MB`,
    ];
    const workerPeak = median(worker.map((r) => r.peakMb));
    const wholePeak = median(whole.map((r) => r.peakMb));
    const base = median([...worker, ...whole].map((r) => r.baseMb ?? 0));
    console.log(
      table([
        ["parse", "time", "speed", "vs Node", "peak RSS", "before parse"],
        line("Chromium, Web Worker, 4 MB chunks (renderer)", worker, workerPeak, base),
        line("Chromium, file.text() + Papa.parse (renderer)", whole, wholePeak, base),
        line("Node, Papa.parse of the string (process)", node.runs, node.peakMb),
      ]),
    );
    figure("browser-worker-parse", speed(worker), "MB/s", { peakMb: workerPeak });
    figure("browser-whole-parse", speed(whole), "MB/s", { peakMb: wholePeak });
    figure("node-papaparse-parse", nodeSpeed, "MB/s", { peakMb: node.peakMb });
    const ratio = speed(worker) / nodeSpeed;
    goal(
      "browser Web Worker parse at least 80 % of papaparse's speed in Node",
      ratio >= 0.8,
      `${speed(worker).toFixed(1)} vs ${nodeSpeed.toFixed(1)} MB/s = ${ratio.toFixed(2)}; the renderer grew ${workerPeak - base} MB to parse ${mb.toFixed(0)} MB in chunks, ${wholePeak - base} MB with the whole-file parse`,
    );
  } finally {
    server.close();
    await rm(file, { force: true });
  }
}

const peerIndex = process.argv.indexOf("--node-peer");
if (peerIndex >= 0) nodePeer(process.argv[peerIndex + 1], Number(process.argv[peerIndex + 2] ?? 3));
else
  await main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
