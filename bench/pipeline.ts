/**
 * End to end: CSV parts → our durable runner (Bulk API 2.0 and v1) → stored results → streamed downloads,
 * against the emulator over HTTP, next to jsforce's bulk2.loadAndWaitForResults on the same rows.
 * Then the crash proof: a runner process is killed with SIGKILL mid-job and a new one finishes it;
 * the emulator's own counts show every row submitted exactly once.
 * Run: npx tsx bench/pipeline.ts [rows]   (default 100,000; an embedded Postgres is started)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import jsforce from "jsforce";
import pg from "pg";

const ROWS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100_000);
const here = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rate = (n: number, seconds: number) => `${Math.round(n / seconds).toLocaleString("en-US")}/s`;

function bench(name: string, value: number, unit: string, extra: Record<string, unknown> = {}) {
  console.log(`BENCH_JSON ${JSON.stringify({ name, value: Math.round(value * 100) / 100, unit, ...extra })}`);
}

function csvPart(prefix: string, from: number, count: number): string {
  let text = "";
  for (let i = from; i < from + count; i += 1) {
    // Every 1,000th row has no Name, so Salesforce fails it (REQUIRED_FIELD_MISSING).
    text += `${i % 1000 === 0 ? "" : `${prefix} ${i}`},${prefix}-${i},Energy,${(i % 1000) * 1000},"Note, with comma ${i}"\n`;
  }
  return text;
}
const HEADER = ["Name", "External_Id__c", "Industry", "AnnualRevenue", "Note"];
const MAPPING = { columns: { Name: "Name", External_Id__c: "External_Id__c", Industry: "Industry", AnnualRevenue: "AnnualRevenue" } };

/** `--worker`: a runner process, as a server would run it; the parent kills it with SIGKILL. */
async function worker(): Promise<void> {
  const { createRunner, orgConnectionPort } = await import("../lib/jobs");
  createRunner({ portFor: orgConnectionPort, settings: { leaseMs: 10_000, pollMs: 200, maxPollMs: 1_000, retryMs: 200 } }).start();
  await new Promise(() => {});
}

async function main(): Promise<void> {
  const { startEmbeddedServer } = await import("../lib/database/embedded-server");
  const { migrateDatabase, defaultMigrationsDir } = await import("../lib/database/migrations");
  const { startEmulator } = await import("../lib/emulator");
  const parent = await mkdtemp(path.join(tmpdir(), "pipeline-bench-"));
  await chmod(parent, 0o755);
  const server = await startEmbeddedServer({ dataDir: path.join(parent, "pg") });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("CREATE DATABASE app_bench");
  await admin.query("CREATE DATABASE emulator_bench");
  await admin.end();
  const urlOf = (name: string) => Object.assign(new URL(server.url), { pathname: `/${name}` }).toString();
  await migrateDatabase(urlOf("app_bench"), defaultMigrationsDir());
  const emulator = await startEmulator({
    databaseUrl: urlOf("emulator_bench"),
    port: 0,
    host: "127.0.0.1",
    config: { adminSecret: "bench", processing: { latencyMs: 0, pollIntervalMs: 20, workers: 2 }, demo: { seedRecords: false } },
    log: () => {},
  });
  const env = { DATABASE_URL: urlOf("app_bench"), EMULATOR: "on", EMULATOR_PORT: String(emulator.port), ENCRYPTION_KEY: randomBytes(32).toString("hex"), LOG_LEVEL: "silent" };
  Object.assign(process.env, env);
  const children: ChildProcess[] = [];
  try {
    const { getDb } = await import("../lib/db");
    const { createConnection } = await import("../lib/orgs/mutations");
    const { createUpload, putUploadPart, completeUpload } = await import("../lib/uploads/mutations");
    const { createJob } = await import("../lib/bulk-jobs/service");
    const { loadResultDownload } = await import("../lib/bulk-jobs/loaders");
    const { createRunner, orgConnectionPort } = await import("../lib/jobs");
    const db = getDb();
    const demo = emulator.demo!;
    const user = await db.user.create({ data: { email: "bench@example.com" } });
    const team = await db.team.create({ data: { name: "Bench" } });
    const ctx = { user: { id: user.id, email: user.email, name: null, sessionVersion: 0, currentTeamId: team.id }, teamId: team.id, role: "owner" as const };
    const connectionId = await createConnection(
      { teamId: team.id, label: "Emulator", method: "soap", loginUrl: emulator.url, instanceUrl: emulator.url, sfOrgId: null, sfUserId: null, sfUsername: demo.username, isSandbox: false, apiVersion: "62.0", clientId: null, createdById: user.id },
      { password: demo.password, securityToken: demo.securityToken },
    );
    const stats = async () => (await (await fetch(`${emulator.url}/__emulator/stats`, { headers: { Authorization: "Bearer bench" } })).json()) as { v1BatchesSubmitted: number; jobs: { v2ingest: number }; recordsProcessed: number };
    const accounts = async (prefix: string) => {
      const client = new pg.Client({ connectionString: urlOf("emulator_bench") });
      await client.connect();
      const result = await client.query<{ n: string; d: string }>(
        "SELECT count(*) AS n, count(DISTINCT fields->>'External_Id__c') AS d FROM emulator.records WHERE object = 'Account' AND fields->>'External_Id__c' LIKE $1",
        [`${prefix}-%`],
      );
      await client.end();
      return { records: Number(result.rows[0].n), distinct: Number(result.rows[0].d) };
    };

    async function upload(prefix: string): Promise<string> {
      const started = performance.now();
      const created = await createUpload(team.id, user.id, { fileName: `${prefix}.csv`, columns: HEADER });
      const perPart = 40_000; // ≈ 3.5 MB: under the 4 MB part limit
      let part = 0;
      let bytes = 0;
      for (let from = 1; from <= ROWS; from += perPart) {
        const body = Buffer.from(csvPart(prefix, from, Math.min(perPart, ROWS - from + 1)));
        bytes += body.byteLength;
        await putUploadPart(team.id, created.id, ++part, body);
      }
      await completeUpload(team.id, created.id, { partCount: part, rowCount: ROWS });
      const seconds = (performance.now() - started) / 1000;
      console.log(`upload ${prefix}: ${ROWS.toLocaleString("en-US")} rows, ${(bytes / 2 ** 20).toFixed(1)} MB in ${part} parts: ${seconds.toFixed(2)} s (${rate(ROWS, seconds)} rows, ${(bytes / 2 ** 20 / seconds).toFixed(1)} MB/s)`);
      bench(`upload-${prefix}`, ROWS / seconds, "rows/s");
      return created.id;
    }

    async function waitDone(jobId: string, timeoutMs = 30 * 60_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const job = await db.bulkJob.findUniqueOrThrow({ where: { id: jobId } });
        if (["completed", "failed", "aborted"].includes(job.state)) return job;
        if (Date.now() > end) throw new Error(`job ${jobId} is still ${job.state}`);
        await sleep(100);
      }
    }

    // 1. Our pipeline, Bulk API 2.0, in-process runner.
    const runner = createRunner({ portFor: orgConnectionPort, settings: { pollMs: 200, maxPollMs: 1_000 } });
    runner.start();
    for (const api of ["v2", "v1"] as const) {
      const prefix = `ours${api}`;
      const uploadId = await upload(prefix);
      const started = performance.now();
      const { id } = await createJob(ctx, { orgConnectionId: connectionId, object: "Account", operation: "insert", api, uploadId, columnMapping: MAPPING });
      const job = await waitDone(id);
      const seconds = (performance.now() - started) / 1000;
      const sf = await accounts(prefix);
      console.log(`our runner ${api}: ${job.state}, ${job.processedRows} processed, ${job.failedRows} failed in ${seconds.toFixed(2)} s (${rate(ROWS, seconds)}), results stored; Salesforce holds ${sf.records} (${sf.distinct} distinct)`);
      bench(`runner-${api}`, ROWS / seconds, "rows/s", { failed: job.failedRows, stored: sf.records });
      const downloadStart = performance.now();
      let lines = 0;
      for (const kind of ["successes", "failures"] as const) {
        const text = await new Response((await loadResultDownload(ctx, id, kind)).body).text();
        lines += text.split("\r\n").length - 2;
      }
      const downloadSeconds = (performance.now() - downloadStart) / 1000;
      console.log(`  downloads (successes + failures merged onto the original rows): ${lines.toLocaleString("en-US")} rows in ${downloadSeconds.toFixed(2)} s (${rate(lines, downloadSeconds)})`);
      bench(`download-${api}`, lines / downloadSeconds, "rows/s");
    }
    await runner.stop();

    // 2. jsforce, same rows, one call (no splitting, no durability, results kept in memory).
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
    await conn.login(demo.username, demo.password + demo.securityToken);
    let input = "Name,External_Id__c,Industry,AnnualRevenue\n";
    for (let i = 1; i <= ROWS; i += 1) input += `${i % 1000 === 0 ? "" : `jsforce ${i}`},jsforce-${i},Energy,${(i % 1000) * 1000}\n`;
    const jsStart = performance.now();
    const results = await conn.bulk2.loadAndWaitForResults({ object: "Account", operation: "insert", input, pollInterval: 200, pollTimeout: 30 * 60_000 });
    const jsSeconds = (performance.now() - jsStart) / 1000;
    console.log(`jsforce bulk2.loadAndWaitForResults: ${results.successfulResults.length} ok, ${results.failedResults.length} failed in ${jsSeconds.toFixed(2)} s (${rate(ROWS, jsSeconds)})`);
    bench("jsforce-bulk2", ROWS / jsSeconds, "rows/s");

    // 3. kill -9 in the middle of a v1 job; a new process finishes it.
    const uploadId = await upload("crash");
    const before = await stats();
    const { id } = await createJob(ctx, { orgConnectionId: connectionId, object: "Account", operation: "insert", api: "v1", uploadId, columnMapping: MAPPING });
    const startWorker = () => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "pipeline.ts"), "--worker"], { env: { ...process.env, ...env }, stdio: "inherit" });
      children.push(child);
      return child;
    };
    const crashStart = performance.now();
    const first = startWorker();
    for (;;) {
      const job = await db.bulkJob.findUniqueOrThrow({ where: { id } });
      if (job.submittedRows >= ROWS / 2) break;
      await sleep(50);
    }
    first.kill("SIGKILL");
    const killedAt = await db.bulkJob.findUniqueOrThrow({ where: { id } });
    console.log(`crash: SIGKILL with ${killedAt.submittedRows.toLocaleString("en-US")} of ${ROWS.toLocaleString("en-US")} rows submitted; starting a new runner process`);
    startWorker();
    const job = await waitDone(id);
    const after = await stats();
    const sf = await accounts("crash");
    const batches = await db.salesforceBatch.count({ where: { bulkJobId: id, submitState: "submitted", resultsStoredAt: { not: null } } });
    const expectedBatches = Math.ceil(ROWS / 10_000);
    const exact = after.v1BatchesSubmitted - before.v1BatchesSubmitted === expectedBatches && sf.records === ROWS - job.failedRows && sf.distinct === sf.records;
    console.log(
      `crash: job ${job.state} in ${((performance.now() - crashStart) / 1000).toFixed(1)} s (incl. the 10 s lease of the killed process); ` +
        `Salesforce saw ${after.v1BatchesSubmitted - before.v1BatchesSubmitted} batches (expected ${expectedBatches}), holds ${sf.records} records (${sf.distinct} distinct; ${job.failedRows} rows failed by design); ` +
        `results stored for ${batches} batches → ${exact ? "EXACTLY ONCE" : "MISMATCH"}`,
    );
    bench("crash-exactly-once", exact ? 1 : 0, "bool", { batches: after.v1BatchesSubmitted - before.v1BatchesSubmitted, records: sf.records });
    if (!exact) process.exitCode = 1;
    await db.$disconnect();
  } finally {
    for (const child of children) child.kill("SIGKILL");
    await emulator.close();
    await server.stop();
    await rm(parent, { recursive: true, force: true });
  }
}

if (process.argv.includes("--worker")) await worker();
else await main();
