/**
 * Self-hosting at scale: three standalone servers (the image's command, each racing migrate.mjs on an
 * empty database) share one database and the emulator. Jobs of 100,000 and 200,000 rows are created
 * through different servers; the server running the 200,000-row job is killed with SIGKILL mid-submission
 * and started again. Every job completes, and the emulator's own tables show each row and each batch
 * arrived exactly once.
 */
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { withDatabaseName } from "../../lib/database/url";
import { startEmulator, type RunningEmulator } from "../../lib/emulator";
import { readE2eServerInfo } from "../support/e2e-server-info";
import { auditExactlyOnce, createJobThrough, LeaseWatcher, type JobSpec } from "../support/replicas";
import { freePort, processCpuSeconds, startStandalone, type StandaloneServer } from "../support/standalone";
import { connectDemoInstantly, uniqueEmail } from "./helpers";

const SERVERS = 3;
/** The 200,000-row job's server is killed once this many rows are submitted (and before all are). */
const KILL_AFTER_ROWS = 60_000;

/** helpers.signUp, with room for a server that has just started: its first pages and actions load their code. */
async function signUpOnColdServer(page: Page, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Your name").fill("Replicas");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/orgs$/, { timeout: 30_000 });
}

test("three servers on one database run 100,000- and 200,000-row jobs exactly once, through a kill -9 and restart of the server running one", async ({ browser }) => {
  test.setTimeout(420_000);
  const started = Date.now();
  const workerCpuAtStart = processCpuSeconds(process.pid);
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const info = await readE2eServerInfo();
  const databaseName = `replicas_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: info.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  const databaseUrl = withDatabaseName(info.adminUrl, databaseName);
  const db = new pg.Client({ connectionString: databaseUrl });
  let emulator: RunningEmulator | undefined;
  const servers: StandaloneServer[] = [];
  let killed: { index: number; pid: number } | undefined;
  const nameOf = (pid: number) => {
    const index = servers.findIndex((server) => server.pid === pid);
    if (index >= 0) return `replica-${index + 1} (pid ${pid})`;
    return killed?.pid === pid ? `replica-${killed.index + 1} before its kill (pid ${pid})` : `pid ${pid}`;
  };
  try {
    emulator = await startEmulator({
      databaseUrl,
      port: 0,
      host: "127.0.0.1",
      // The demo org without its 4,000 sample records: this test counts only its own.
      config: { processing: { latencyMs: 0, pollIntervalMs: 50 }, demo: { seedRecords: false } },
      log: () => {},
    });
    const ports = await Promise.all(Array.from({ length: SERVERS }, () => freePort()));
    const env = {
      DATABASE_URL: databaseUrl,
      EMULATOR: "on",
      EMULATOR_PORT: String(emulator.port),
      EMULATOR_PUBLIC_URL: emulator.url,
      // One public URL for every replica, as behind a load balancer.
      NEXTAUTH_URL: `http://127.0.0.1:${ports[0]}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      RUNNER_LEASE_SECONDS: "10",
      LOG_LEVEL: "warn",
    };
    const start = (index: number) => startStandalone({ name: `replica-${index + 1}`, dir: info.standaloneDir, port: ports[index], env });
    for (let index = 0; index < SERVERS; index += 1) servers.push(start(index));
    const healthyMs = await Promise.all(servers.map((server) => server.healthy(90_000)));
    console.log(`replicas: ${SERVERS} servers healthy after ${healthyMs.join(" / ")} ms (all racing migrate.mjs on one empty database), ${seconds()} s into the test`);
    await db.connect();
    const migrations = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(migrations.rows[0].n, "each migration recorded once although three servers migrated at once").toBeGreaterThan(0);
    const duplicatesOfMigrations = await db.query(`SELECT migration_name FROM "_prisma_migrations" GROUP BY 1 HAVING count(*) > 1`);
    expect(duplicatesOfMigrations.rows).toEqual([]);

    // Sign in through the first server; the session cookie (host 127.0.0.1) is good for every replica.
    const context = await browser.newContext({ baseURL: servers[0].url });
    const page = await context.newPage();
    await signUpOnColdServer(page, uniqueEmail("replicas"));
    const org = await connectDemoInstantly(page);
    console.log(`replicas: signed up and connected the demo org ${seconds()} s into the test`);

    const run = randomBytes(3).toString("hex");
    const specs: JobSpec[] = [
      { label: "j1-v2-100k", api: "v2", rows: 100_000, marker: `h4-${run}-j1` },
      { label: "j2-v1-100k", api: "v1", rows: 100_000, marker: `h4-${run}-j2` },
      { label: "j3-v1-200k", api: "v1", rows: 200_000, marker: `h4-${run}-j3` },
    ];
    const jobIds = await Promise.all(specs.map((spec, index) => createJobThrough(context.request, servers[index % SERVERS].url, org.id, spec)));
    const [, , bigJob] = jobIds;
    console.log(`replicas: 400,000 rows uploaded and 3 jobs created through 3 servers ${seconds()} s into the test`);

    // kill -9 the server holding the 200,000-row job's lease while it is submitting, then start it again.
    const watcher = new LeaseWatcher(db, jobIds);
    const pidOf = (owner: string | null) => (owner ? Number(owner.split(":")[1]) : NaN);
    const midway = await watcher.until((rows) => {
      const big = rows.find((row) => row.id === bigJob);
      if (!big) return false;
      if (big.submitted_rows === big.total_rows) throw new Error("the 200,000-row job was fully submitted before the test could kill its server");
      return big.submitted_rows >= KILL_AFTER_ROWS && servers.some((s) => s.pid === pidOf(big.lease_owner));
    }, 120_000, 20);
    const big = midway.find((row) => row.id === bigJob)!;
    const victim = servers.findIndex((server) => server.pid === pidOf(big.lease_owner));
    killed = { index: victim, pid: servers[victim].pid };
    const victimCpu = servers[victim].cpuSeconds();
    await servers[victim].kill();
    const killedAt = Date.now();
    console.log(`replicas: SIGKILL replica-${victim + 1} (pid ${servers[victim].pid}) holding the 200,000-row job with ${big.submitted_rows.toLocaleString("en-US")} rows submitted`);
    // Watched from the moment of the kill: who takes the job over once the dead server's 10 s lease has run out.
    const afterKill = new LeaseWatcher(db, jobIds, [killed.pid]);
    const finished = afterKill.until((rows) => rows.every((row) => ["completed", "failed", "aborted"].includes(row.state)), 240_000, 100);
    finished.catch(() => {}); // awaited below; a failed restart must not leave it unhandled
    servers[victim] = start(victim);
    const restartMs = await servers[victim].healthy(90_000);
    console.log(`replicas: replica-${victim + 1} started again (pid ${servers[victim].pid}), healthy after ${restartMs} ms`);
    const done = await finished;
    console.log(`replicas: every job finished ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
    const takeover = afterKill.firstHeld.get(bigJob);
    if (takeover) console.log(`replicas: the 200,000-row job was claimed again ${((takeover.at - killedAt) / 1000).toFixed(1)} s after the kill by ${nameOf(takeover.pid)}`);
    for (const [index, spec] of specs.entries()) {
      const row = done.find((r) => r.id === jobIds[index])!;
      expect(row, spec.label).toMatchObject({ state: "completed", total_rows: spec.rows, processed_rows: spec.rows, failed_rows: 0, unprocessed_rows: 0 });
    }

    // The emulator's own records: every row once, every v1 batch one our database knows, nothing else.
    const audit = await auditExactlyOnce(db, jobIds, specs.map((spec) => spec.marker));
    console.log(`replicas: emulator records ${JSON.stringify(audit.records)}; v1 batches ${JSON.stringify(audit.v1Batches)}; duplicates ${audit.duplicates}`);
    for (const spec of specs) expect(audit.records[spec.marker], spec.label).toEqual({ total: spec.rows, distinct: spec.rows });
    expect(audit.duplicates).toBe(0);
    expect(audit.unknownBatches).toEqual([]);
    expect(audit.missingBatches).toEqual([]);
    expect(audit.missingSalesforceJobs).toEqual([]);
    for (const job of audit.unknownSalesforceJobs) expect(job, "a Salesforce job our database does not name holds no records").toMatchObject({ recordsProcessed: 0 });
    expect(audit.v1Batches[jobIds[1]]).toEqual({ batches: 10, records: 100_000 });
    expect(audit.v1Batches[jobIds[2]]).toEqual({ batches: 20, records: 200_000 });

    // Every result is stored: each job's successes file, fetched through another server than the one it was created on.
    for (const [index, spec] of specs.entries()) {
      const response = await context.request.get(`${servers[(index + 1) % SERVERS].url}/api/jobs/${jobIds[index]}/results/successes`);
      expect(response.status()).toBe(200);
      const lines = (await response.text()).trim().split(/\r?\n/);
      const header = lines[0].split(",");
      const idColumn = header.indexOf("sf__Id");
      expect(lines.length - 1, `${spec.label} successes`).toBe(spec.rows);
      expect(new Set(lines.slice(1).map((line) => line.split(",")[idColumn])).size).toBe(spec.rows);
    }

    const perServer = (held: Map<number, Set<string>>) =>
      [...held.entries()].map(([pid, jobs]) => `${nameOf(pid)}: ${[...jobs].map((id) => specs[jobIds.indexOf(id)].label).join(", ")}`).join("; ");
    console.log(`replicas: jobs held per server before the kill: ${perServer(watcher.heldBy)}; after: ${perServer(afterKill.heldBy)}`);
    const cpu = servers.reduce((sum, server) => sum + server.cpuSeconds(), victimCpu) + processCpuSeconds(process.pid) - workerCpuAtStart;
    console.log(`replicas: test took ${seconds()} s; CPU of the 4 server processes + this worker (emulator included): ${cpu.toFixed(1)} s`);
    await context.close();
  } catch (error) {
    for (const server of servers) console.log(`--- last lines of ${server.name}:\n${server.lines().slice(-40).join("\n")}`);
    throw error;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await emulator?.close().catch(() => {});
    await db.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
});
