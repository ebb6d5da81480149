/**
 * Data-plane throughput of the org emulator: bulk inserts through applyDml and streaming SOQL.
 * Run: npm run bench emulator-data -- --records 200000   (uses DATABASE_URL when set, else an embedded Postgres)
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedServer } from "../lib/database/embedded-server";
import { createEmulatorPool, migrateEmulatorSchema } from "../lib/emulator/db";
import { createOrgStore, seedDemoOrg, type DmlRow } from "../lib/emulator/org";
import { goal } from "./support/report";
import { numberArg } from "./support/stats";

const TOTAL = numberArg("records", 200_000);
const BATCH = 10_000;
const INDUSTRIES = ["Banking", "Energy", "Retail", "Technology", "Media"];

async function database(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const parent = await mkdtemp(path.join(tmpdir(), "emulator-bench-"));
  await chmod(parent, 0o755);
  const server = await startEmbeddedServer({ dataDir: path.join(parent, "pg") });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("CREATE DATABASE emulator_bench");
  await admin.end();
  const url = new URL(server.url);
  url.pathname = "/emulator_bench";
  return {
    url: url.toString(),
    stop: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

function csvRows(offset: number, count: number): DmlRow[] {
  return Array.from({ length: count }, (_, i) => ({
    Name: `Bench Account ${offset + i}`,
    Industry: INDUSTRIES[(offset + i) % INDUSTRIES.length],
    AnnualRevenue: String(((offset + i) % 1000) * 1000),
    Phone: "+1 415 555 0100",
    BillingCity: "San Francisco",
  }));
}

async function main(): Promise<void> {
  const db = await database();
  const pool = createEmulatorPool(db.url);
  try {
    await migrateEmulatorSchema(pool);
    const demo = await seedDemoOrg(pool, { seedRecords: false });
    const store = createOrgStore(pool);

    const insertStart = performance.now();
    for (let offset = 0; offset < TOTAL; offset += BATCH * 2) {
      // Two batches at a time, like two parallel Bulk API batches on a 2-core machine.
      const batches = [offset, offset + BATCH].filter((start) => start < TOTAL);
      const results = await Promise.all(
        batches.map((start) =>
          store.applyDml(demo.orgId, demo.userId, { operation: "insert", object: "Account", rows: csvRows(start, Math.min(BATCH, TOTAL - start)) }),
        ),
      );
      if (results.flat().some((result) => !result.success)) throw new Error("insert failed");
    }
    const insertSeconds = (performance.now() - insertStart) / 1000;
    console.log(`insert: ${TOTAL} records in ${insertSeconds.toFixed(2)} s = ${Math.round(TOTAL / insertSeconds)} records/s`);
    goal("emulator data plane inserts at least 20,000 records/s", TOTAL / insertSeconds >= 20_000, `${Math.round(TOTAL / insertSeconds)} records/s through applyDml, 2 batches of 10,000 at a time`);

    const updateRows = csvRows(0, BATCH);
    const ids = (await store.query(demo.orgId, `SELECT Id FROM Account LIMIT ${BATCH}`)).rows();
    let i = 0;
    for await (const chunk of ids) for (const row of chunk) updateRows[i++].Id = row.Id as string;
    const updateStart = performance.now();
    await store.applyDml(demo.orgId, demo.userId, { operation: "update", object: "Account", rows: updateRows });
    const updateSeconds = (performance.now() - updateStart) / 1000;
    console.log(`update: ${BATCH} records in ${updateSeconds.toFixed(2)} s = ${Math.round(BATCH / updateSeconds)} records/s`);

    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const queryStart = performance.now();
    const run = await store.query(demo.orgId, "SELECT Id, Name, Industry, AnnualRevenue, Owner.Name FROM Account WHERE AnnualRevenue >= 0");
    let streamed = 0;
    for await (const chunk of run.rows()) {
      streamed += chunk.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const querySeconds = (performance.now() - queryStart) / 1000;
    console.log(
      `query: ${streamed} rows in ${querySeconds.toFixed(2)} s = ${Math.round(streamed / querySeconds)} rows/s, ` +
        `RSS growth ${((peak - rssBefore) / 1024 / 1024).toFixed(1)} MB`,
    );
  } finally {
    await pool.end();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
