/**
 * History at scale: 100,000 jobs and 1,000,000 batches seeded (set-based) into a fresh database, then
 * the response time (median, p95) of GET /api/jobs (first page, a page 90,000 jobs deep by cursor, a
 * filtered page), GET /api/jobs/{id} (a job with its 10 batches) and the /jobs history page (first and
 * deep page), against `next start` of a production build in .next-bench (built when missing or with --build:
 * a build takes 3–11 minutes on the 2 shared cores, so an existing one is reused and its age printed).
 * Requests are sequential, with a session cookie signed like next-auth's. Peak RSS of the server process too.
 * Run: npm run bench history -- --requests 200 --jobs 100000 [--build]
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { startBenchDatabase } from "./support/database";
import { createdAtOf, jobIdOf, seedHistory } from "./support/history-seed";
import { peakRssMbOf } from "./support/memory";
import { figure, goal } from "./support/report";
import { median, numberArg, percentile, table, thousands } from "./support/stats";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = ".next-bench";
const PORT = Number(process.env.BENCH_PORT ?? 3225);
const BATCHES_PER_JOB = 10;
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Sequential requests; each time runs until the whole body is read. */
async function measure(url: string, cookie: string, count: number, check: (status: number, body: string) => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count + 10; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    const ms = performance.now() - started;
    if (!check(response.status, body)) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
    if (i >= 10) times.push(ms); // the first 10 warm the server's caches and connection pool
  }
  return times;
}

async function main(): Promise<void> {
  const jobs = numberArg("jobs", 100_000);
  const requests = numberArg("requests", 200);
  const buildId = path.join(root, DIST, "BUILD_ID");
  if (process.argv.includes("--build") || !existsSync(buildId)) {
    const started = performance.now();
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" }, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout.slice(-3000)}\n${build.stderr.slice(-3000)}`);
    console.log(`production build into ${DIST}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } else console.log(`reusing the production build in ${DIST} from ${statSync(buildId).mtime.toISOString().slice(0, 16)} (--build to rebuild)`);

  const database = await startBenchDatabase("history-bench", ["history_bench"]);
  const databaseUrl = database.urlOf("history_bench");
  const secret = randomBytes(32).toString("base64");
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const { migrateDatabase, defaultMigrationsDir } = await import("../lib/database/migrations");
    await migrateDatabase(databaseUrl, defaultMigrationsDir());
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const userId = "bench-user";
    const teamId = "bench-team";
    await client.query("INSERT INTO teams (id, name, updated_at) VALUES ($1, 'Bench', now())", [teamId]);
    await client.query("INSERT INTO users (id, email, current_team_id, updated_at) VALUES ($1, 'bench@example.com', $2, now())", [userId, teamId]);
    await client.query("INSERT INTO memberships (id, team_id, user_id, role, updated_at) VALUES ('bench-membership', $1, $2, 'viewer', now())", [teamId, userId]);
    const seedStart = performance.now();
    await seedHistory(client, teamId, userId, jobs, BATCHES_PER_JOB);
    const counted = await client.query<{ j: string; b: string }>("SELECT (SELECT count(*) FROM bulk_jobs) AS j, (SELECT count(*) FROM salesforce_batches) AS b");
    await client.end();
    console.log(`seeded ${thousands(Number(counted.rows[0].j))} jobs and ${thousands(Number(counted.rows[0].b))} batches in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (INSERT … SELECT generate_series)`);

    server = spawn(process.execPath, [nextBin, "start", "--port", String(PORT), "--hostname", "127.0.0.1"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
        NEXTAUTH_SECRET: secret,
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        RUNNER: "off",
        EMULATOR: "off",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitForServer(`${base}/api/health`, 60_000);
    const token = await encode({ token: { uid: userId, sv: 0, email: "bench@example.com" }, secret });
    const cookie = `next-auth.session-token=${token}`;

    const deep = Math.floor(jobs / 10);
    const cursor = encodeURIComponent(`${createdAtOf(deep).toISOString()}_${jobIdOf(deep)}`);
    const firstJob = jobIdOf(jobs);
    const json = (expect: (body: { jobs?: { id: string }[]; batches?: unknown[] }) => boolean) => (status: number, body: string) =>
      status === 200 && expect(JSON.parse(body) as { jobs?: { id: string }[]; batches?: unknown[] });
    const html = (needle: string) => (status: number, body: string) => status === 200 && body.includes(needle);
    const cases: [string, string, (status: number, body: string) => boolean][] = [
      ["GET /api/jobs (first page)", "/api/jobs?limit=50", json((b) => b.jobs?.[0]?.id === firstJob)],
      [`GET /api/jobs (cursor, ${thousands(jobs - deep)} jobs deep)`, `/api/jobs?limit=50&cursor=${cursor}`, json((b) => b.jobs?.[0]?.id === jobIdOf(deep - 1))],
      ["GET /api/jobs (object + state filter)", "/api/jobs?limit=50&object=Contact&state=failed", json((b) => b.jobs?.length === 50)],
      [`GET /api/jobs/{id} (${BATCHES_PER_JOB} batches)`, `/api/jobs/${jobIdOf(Math.floor(jobs / 2))}`, (status, body) => status === 200 && body.includes(jobIdOf(Math.floor(jobs / 2)))],
      ["GET /jobs (history page, first page)", "/jobs", html(firstJob)],
      [`GET /jobs (history page, ${thousands(jobs - deep)} jobs deep)`, `/jobs?cursor=${cursor}`, html(jobIdOf(deep - 1))],
    ];
    const lines = [["request", "median", "p95", "max"]];
    let worstP95 = 0;
    for (const [label, url, check] of cases) {
      const times = await measure(`${base}${url}`, cookie, requests, check);
      const [p50, p95] = [median(times), percentile(times, 95)];
      worstP95 = Math.max(worstP95, p95);
      lines.push([label, `${p50.toFixed(1)} ms`, `${p95.toFixed(1)} ms`, `${Math.max(...times).toFixed(1)} ms`]);
      figure(`history ${label}`, p95, "ms p95", { median: p50 });
    }
    const serverPeak = peakRssMbOf(server.pid!);
    console.log(`${requests} sequential requests each (after 10 warm-up), next start on 127.0.0.1:${PORT}\n${table(lines)}`);
    console.log(`peak RSS of the next start process: ${serverPeak} MB`);
    figure("history-server-peak-rss", serverPeak, "MB");
    goal("history p95 under 200 ms (100,000 jobs, 1,000,000 batches)", worstP95 < 200, `worst p95 ${worstP95.toFixed(1)} ms over ${cases.length} requests kinds, ${requests} each, server on the same 2 shared cores`);
  } finally {
    server?.kill("SIGTERM");
    await database.stop();
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
