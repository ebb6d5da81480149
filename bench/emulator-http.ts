/**
 * End-to-end throughput of the org emulator over real HTTP: Bulk v1 inserts (CSV batches of 10,000),
 * Bulk 2.0 ingest (one upload), and Bulk 2.0 query result streaming.
 * Run: npm run bench emulator-http -- --records 100000   (uses DATABASE_URL when set, else an embedded Postgres)
 */
import { readdirSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedServer } from "../lib/database/embedded-server";
import { startEmulator } from "../lib/emulator";
import { goal } from "./support/report";
import { numberArg } from "./support/stats";

const TOTAL = numberArg("records", 100_000);
const BATCH = 10_000;

interface BenchDatabase {
  url: string;
  /** Data directory of our own embedded server (undefined for DATABASE_URL). */
  dataDir?: string;
  stop(): Promise<void>;
}

const TICKS = 100; // Linux USER_HZ

/** CPU seconds of one process from /proc; with `reaped`, also of its exited, waited-for children. */
function procCpu(pid: number, reaped: boolean): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const own = Number(fields[11]) + Number(fields[12]);
    return (own + (reaped ? Number(fields[13]) + Number(fields[14]) : 0)) / TICKS;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by our Postgres server (postmaster, live backends, and exited backends via
 * the postmaster's child totals), so throughput can be judged independently of other load on the box.
 */
function postgresCpu(dataDir: string | undefined): number | null {
  if (!dataDir) return null;
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let total = procCpu(postmaster, true);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      if (parent === postmaster) total += procCpu(Number(entry), false);
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

function cpuNow(dataDir: string | undefined): { node: number; postgres: number | null } {
  const usage = process.cpuUsage();
  return { node: (usage.user + usage.system) / 1e6, postgres: postgresCpu(dataDir) };
}

function cpuReport(label: string, records: number, before: ReturnType<typeof cpuNow>, after: ReturnType<typeof cpuNow>): string {
  const node = after.node - before.node;
  if (before.postgres === null || after.postgres === null) return `${label}: node ${node.toFixed(2)} CPU-s`;
  const pgCpu = after.postgres - before.postgres;
  const perCpuSecond = records / (node + pgCpu);
  // Two cores fully available to this one run: the load-independent estimate.
  return `${label}: node ${node.toFixed(2)} + postgres ${pgCpu.toFixed(2)} CPU-s = ${Math.round(perCpuSecond).toLocaleString("en-US")} records per CPU-second (≈ ${Math.round(perCpuSecond * 2).toLocaleString("en-US")} records/s on 2 idle cores)`;
}

async function database(): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const parent = await mkdtemp(path.join(tmpdir(), "emulator-http-bench-"));
  await chmod(parent, 0o755);
  const dataDir = path.join(parent, "pg");
  const server = await startEmbeddedServer({ dataDir });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("CREATE DATABASE emulator_http_bench");
  await admin.end();
  const url = new URL(server.url);
  url.pathname = "/emulator_http_bench";
  return {
    url: url.toString(),
    dataDir,
    stop: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

function csv(prefix: string, offset: number, count: number): string {
  const rows = ["Name,Industry,AnnualRevenue,Phone,BillingCity"];
  for (let i = offset; i < offset + count; i += 1) rows.push(`${prefix} ${i},Energy,${(i % 1000) * 1000},+1 415 555 0100,San Francisco`);
  return `${rows.join("\n")}\n`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const db = await database();
  const emulator = await startEmulator({
    databaseUrl: db.url,
    port: 0,
    host: "127.0.0.1",
    // EMULATOR_CHUNK_SIZE / EMULATOR_WORKERS style knobs for experiments; defaults otherwise.
    config: {
      processing: {
        latencyMs: 0,
        pollIntervalMs: 20,
        ...(process.env.CHUNK ? { chunkSize: Number(process.env.CHUNK) } : {}),
        ...(process.env.WORKERS ? { workers: Number(process.env.WORKERS) } : {}),
      },
      demo: { seedRecords: false },
    },
    log: () => {},
  });
  try {
    const demo = emulator.demo!;
    const login = await fetch(`${emulator.url}/services/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "password",
        client_id: demo.oauthClientId,
        client_secret: demo.oauthClientSecret,
        username: demo.username,
        password: demo.password + demo.securityToken,
      }),
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const v1Headers = { "X-SFDC-Session": token };
    const v2Headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const base = `${emulator.url}/services`;

    // Bulk v1: one job, TOTAL / 10,000 CSV batches posted up front, wait for all to complete.
    let start = performance.now();
    let cpuStart = cpuNow(db.dataDir);
    const job = (await (
      await fetch(`${base}/async/62.0/job`, {
        method: "POST",
        headers: { ...v1Headers, "Content-Type": "application/json" },
        body: JSON.stringify({ operation: "insert", object: "Account", contentType: "CSV" }),
      })
    ).text()).match(/<id>(\w+)<\/id>/)![1];
    for (let offset = 0; offset < TOTAL; offset += BATCH) {
      const response = await fetch(`${base}/async/62.0/job/${job}/batch`, {
        method: "POST",
        headers: { ...v1Headers, "Content-Type": "text/csv" },
        body: csv("V1", offset, Math.min(BATCH, TOTAL - offset)),
      });
      if (response.status !== 201) throw new Error(`batch refused: ${await response.text()}`);
    }
    for (;;) {
      const info = await (await fetch(`${base}/async/62.0/job/${job}`, { headers: v1Headers })).text();
      const total = Number(/<numberBatchesTotal>(\d+)/.exec(info)![1]);
      const done = Number(/<numberBatchesCompleted>(\d+)/.exec(info)![1]) + Number(/<numberBatchesFailed>(\d+)/.exec(info)![1]);
      if (done === total) break;
      await sleep(20);
    }
    const v1Seconds = (performance.now() - start) / 1000;
    const v1Cpu = cpuReport("Bulk v1 insert CPU", TOTAL, cpuStart, cpuNow(db.dataDir));
    // Fetch every result file too, as a client would.
    const batches = [...(await (await fetch(`${base}/async/62.0/job/${job}/batch`, { headers: v1Headers })).text()).matchAll(/<batchInfo><id>(\w+)/g)];
    let v1Rows = 0;
    for (const [, id] of batches) {
      const text = await (await fetch(`${base}/async/62.0/job/${job}/batch/${id}/result`, { headers: v1Headers })).text();
      v1Rows += text.split("\n").length - 2;
    }
    const v1WithResults = (performance.now() - start) / 1000;

    // Bulk 2.0: one job, one upload of TOTAL rows.
    start = performance.now();
    cpuStart = cpuNow(db.dataDir);
    const ingest = (await (
      await fetch(`${base}/data/v62.0/jobs/ingest`, { method: "POST", headers: v2Headers, body: JSON.stringify({ object: "Account", operation: "insert" }) })
    ).json()) as { id: string };
    await fetch(`${base}/data/v62.0/jobs/ingest/${ingest.id}/batches`, { method: "PUT", headers: { ...v2Headers, "Content-Type": "text/csv" }, body: csv("V2", 0, TOTAL) });
    await fetch(`${base}/data/v62.0/jobs/ingest/${ingest.id}`, { method: "PATCH", headers: v2Headers, body: JSON.stringify({ state: "UploadComplete" }) });
    let v2Info: { state: string; numberRecordsProcessed?: number } = { state: "" };
    while (!["JobComplete", "Failed"].includes(v2Info.state)) {
      await sleep(20);
      v2Info = (await (await fetch(`${base}/data/v62.0/jobs/ingest/${ingest.id}`, { headers: v2Headers })).json()) as typeof v2Info;
    }
    const v2Seconds = (performance.now() - start) / 1000;
    const v2Cpu = cpuReport("Bulk 2.0 insert CPU", v2Info.numberRecordsProcessed ?? 0, cpuStart, cpuNow(db.dataDir));

    // Bulk 2.0 query: everything inserted above, streamed page by page.
    start = performance.now();
    cpuStart = cpuNow(db.dataDir);
    const query = (await (
      await fetch(`${base}/data/v62.0/jobs/query`, { method: "POST", headers: v2Headers, body: JSON.stringify({ operation: "query", query: "SELECT Id, Name, Industry, AnnualRevenue, BillingCity FROM Account" }) })
    ).json()) as { id: string };
    let state = "";
    while (state !== "JobComplete") {
      await sleep(20);
      state = ((await (await fetch(`${base}/data/v62.0/jobs/query/${query.id}`, { headers: v2Headers })).json()) as { state: string }).state;
    }
    const queryReady = (performance.now() - start) / 1000;
    let locator = "";
    let queryRows = 0;
    let bytes = 0;
    do {
      const response = await fetch(`${base}/data/v62.0/jobs/query/${query.id}/results${locator ? `?locator=${locator}` : ""}`, { headers: v2Headers });
      queryRows += Number(response.headers.get("sforce-numberofrecords"));
      locator = response.headers.get("sforce-locator") ?? "null";
      bytes += (await response.arrayBuffer()).byteLength;
    } while (locator !== "null");
    const querySeconds = (performance.now() - start) / 1000;
    const queryCpu = cpuReport("Bulk 2.0 query CPU", queryRows, cpuStart, cpuNow(db.dataDir));

    const rate = (n: number, s: number) => Math.round(n / s).toLocaleString("en-US");
    console.log(`records: ${TOTAL.toLocaleString("en-US")} per API`);
    console.log(`Bulk v1 insert (CSV, ${batches.length} batches): ${rate(TOTAL, v1Seconds)} records/s (${v1Seconds.toFixed(2)} s; with result download ${rate(v1Rows, v1WithResults)} records/s)`);
    console.log(`Bulk 2.0 insert (one upload): ${rate(v2Info.numberRecordsProcessed ?? 0, v2Seconds)} records/s (${v2Seconds.toFixed(2)} s, state ${v2Info.state})`);
    console.log(`machine load average (1 min): ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`);
    console.log(v1Cpu);
    console.log(v2Cpu);
    console.log(queryCpu);
    const slowest = Math.min(TOTAL / v1Seconds, (v2Info.numberRecordsProcessed ?? 0) / v2Seconds);
    goal("emulator over HTTP processes at least 20,000 records/s", slowest >= 20_000, `Bulk v1 ${rate(TOTAL, v1Seconds)}, Bulk 2.0 ${rate(v2Info.numberRecordsProcessed ?? 0, v2Seconds)} records/s wall time, upload to completion`);
    console.log(`Bulk 2.0 query: ${rate(queryRows, querySeconds)} rows/s end to end (${queryRows.toLocaleString("en-US")} rows, ${(bytes / 1e6).toFixed(1)} MB, job ready after ${queryReady.toFixed(2)} s)`);
  } finally {
    await emulator.close();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
