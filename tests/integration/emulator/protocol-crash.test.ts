import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../../lib/emulator";
import { createTestDatabase, type TestDatabase } from "../../support/database";

const CHUNK = 250;
const RECORDS = 2000;
let database: TestDatabase;
let observer: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  observer = new pg.Client({ connectionString: database.url });
  await observer.connect();
});
afterAll(async () => {
  await observer?.end();
  await database?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function token(url: string, username: string, secret: string): Promise<string> {
  const response = await fetch(`${url}/services/Soap/u/62.0`, {
    method: "POST",
    headers: { "Content-Type": "text/xml", SOAPAction: '""' },
    body: `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>${username}</username><password>${secret}</password></login></se:Body></se:Envelope>`,
  });
  return /<sessionId>([^<]+)<\/sessionId>/.exec(await response.text())![1];
}

interface Victim {
  child: ChildProcess;
  exited: Promise<unknown>;
  username: string;
  secret: string;
  headers: Record<string, string>;
  jobId: string;
  batchId: string;
  url: string;
}

/** Starts an emulator process and submits one v1 insert batch of RECORDS Accounts tagged with `marker`. */
async function startVictim(marker: string): Promise<Victim> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/emulator/cli.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      EMULATOR_PORT: "0",
      EMULATOR_HOST: "127.0.0.1",
      EMULATOR_LATENCY_MS: "0",
      EMULATOR_POLL_INTERVAL_MS: "20",
      EMULATOR_LEASE_MS: "1000",
      EMULATOR_CHUNK_SIZE: String(CHUNK),
      EMULATOR_RECORDS_PER_SECOND: "1500",
      EMULATOR_DEMO_SEED_RECORDS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise((resolve) => child.on("exit", resolve));
  for (let i = 0; i < 300 && !/listening on/.test(stdout); i += 1) await sleep(50);
  const url = /listening on (\S+)/.exec(stdout)![1];
  const username = /Username:\s+(\S+)/.exec(stdout)![1];
  const secret = /Password:\s+(\S+)/.exec(stdout)![1] + /Security token:\s+(\S+)/.exec(stdout)![1];
  const headers = { "X-SFDC-Session": await token(url, username, secret), "Content-Type": "application/json" };
  const job = (await (await fetch(`${url}/services/async/62.0/job`, { method: "POST", headers, body: JSON.stringify({ operation: "insert", object: "Account", contentType: "JSON" }) })).json()) as { id: string };
  const records = Array.from({ length: RECORDS }, (_, i) => ({ Name: `Crash ${i}`, AccountNumber: marker }));
  const batch = (await (await fetch(`${url}/services/async/62.0/job/${job.id}/batch`, { method: "POST", headers, body: JSON.stringify(records) })).json()) as { id: string };
  return { child, exited, username, secret, headers, jobId: job.id, batchId: batch.id, url };
}

async function batchInfo(url: string, victim: Victim, headers: Record<string, string>) {
  const response = await fetch(`${url}/services/async/62.0/job/${victim.jobId}/batch/${victim.batchId}`, { headers });
  return (await response.json()) as { state: string; numberRecordsProcessed: number };
}

async function waitForProgress(victim: Victim): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if ((await batchInfo(victim.url, victim, victim.headers)).numberRecordsProcessed > 0) return;
    await sleep(20);
  }
  throw new Error("the batch never made progress");
}

/** Lets a fresh emulator take the batch over and checks every input row exists exactly once. */
async function recoverAndCheck(victim: Victim, marker: string, context: string): Promise<{ numberRetries: number }> {
  const successor = await startEmulator({
    databaseUrl: database.url,
    port: 0,
    host: "127.0.0.1",
    config: { processing: { latencyMs: 0, pollIntervalMs: 20, leaseMs: 1000, chunkSize: CHUNK }, demo: { seedRecords: false } },
    log: () => {},
  });
  try {
    const headers = { ...victim.headers, "X-SFDC-Session": await token(successor.url, victim.username, victim.secret) };
    let info = { state: "", numberRecordsProcessed: 0 };
    for (let i = 0; i < 400 && info.state !== "Completed"; i += 1) {
      info = await batchInfo(successor.url, victim, headers);
      if (info.state !== "Completed") await sleep(25);
    }
    expect(info, context).toMatchObject({ state: "Completed", numberRecordsProcessed: RECORDS });
    const resultUrl = `${successor.url}/services/async/62.0/job/${victim.jobId}/batch/${victim.batchId}/result`;
    const results = (await (await fetch(resultUrl, { headers })).json()) as { success: boolean; id: string }[];
    expect(results, context).toHaveLength(RECORDS);
    expect(results.every((r) => r.success), context).toBe(true);
    const { rows } = await observer.query<{ total: number; names: number; ids: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT fields->>'Name')::int AS names, count(DISTINCT id)::int AS ids
         FROM emulator.records WHERE object = 'Account' AND fields->>'AccountNumber' = $1`,
      [marker],
    );
    // Exactly once: every input row is stored once, and the result ids are exactly the stored records.
    expect(rows[0], context).toEqual({ total: RECORDS, names: RECORDS, ids: RECORDS });
    const stored = await observer.query<{ id: string }>(
      "SELECT id FROM emulator.records WHERE object = 'Account' AND fields->>'AccountNumber' = $1",
      [marker],
    );
    expect(new Set(results.map((r) => r.id)), context).toEqual(new Set(stored.rows.map((row) => row.id)));
    const jobUrl = `${successor.url}/services/async/62.0/job/${victim.jobId}`;
    return (await (await fetch(jobUrl, { headers })).json()) as { numberRetries: number };
  } finally {
    await successor.close();
  }
}

describe("a crashed emulator process", () => {
  it("killed between writing a chunk's records and storing its results, duplicates nothing", async () => {
    const marker = "crash-window";
    const victim = await startVictim(marker);
    await waitForProgress(victim);
    // Freeze the worker inside its next chunk, after the records are written and before the chunk's
    // results are: exactly where a two-transaction design has already committed the records.
    await observer.query("BEGIN");
    await observer.query("LOCK TABLE emulator.bulk_results IN EXCLUSIVE MODE");
    let blocked = 0;
    for (let i = 0; i < 250 && blocked === 0; i += 1) {
      const { rows } = await observer.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'emulator.bulk_results'::regclass",
      );
      blocked = rows[0].n;
      if (!blocked) await sleep(20);
    }
    expect(blocked).toBeGreaterThan(0);
    victim.child.kill("SIGKILL");
    await victim.exited;
    await observer.query("ROLLBACK");
    const job = await recoverAndCheck(victim, marker, "kill inside a chunk");
    expect(job.numberRetries).toBe(1);
  }, 60_000);

  it("killed at an arbitrary moment, ends with every row stored exactly once", async () => {
    const marker = "crash-random";
    const victim = await startVictim(marker);
    // Anywhere from before the first chunk to after the last one (2,000 rows at 1,500 rows/s).
    const delay = Math.floor(Math.random() * 1500);
    await sleep(delay);
    victim.child.kill("SIGKILL");
    await victim.exited;
    await recoverAndCheck(victim, marker, `kill after ${delay} ms`);
  }, 60_000);
});
