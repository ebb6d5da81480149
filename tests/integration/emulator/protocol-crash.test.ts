import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../../lib/emulator";
import { createTestDatabase, type TestDatabase } from "../../support/database";

const CHUNK = 250;
let database: TestDatabase;
let successor: RunningEmulator | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await successor?.close();
  await database?.drop();
});

async function token(url: string, username: string, secret: string): Promise<string> {
  const response = await fetch(`${url}/services/Soap/u/62.0`, {
    method: "POST",
    headers: { "Content-Type": "text/xml", SOAPAction: '""' },
    body: `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>${username}</username><password>${secret}</password></login></se:Body></se:Envelope>`,
  });
  return /<sessionId>([^<]+)<\/sessionId>/.exec(await response.text())![1];
}

describe("a crashed emulator process", () => {
  it("has its in-flight batch taken over after the lease expires, losing nothing", async () => {
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
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    for (let i = 0; i < 300 && !/listening on/.test(stdout); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const url = /listening on (\S+)/.exec(stdout)![1];
    const username = /Username:\s+(\S+)/.exec(stdout)![1];
    const secret = /Password:\s+(\S+)/.exec(stdout)![1] + /Security token:\s+(\S+)/.exec(stdout)![1];
    const session = await token(url, username, secret);
    const headers = { "X-SFDC-Session": session, "Content-Type": "application/json" };
    const job = (await (await fetch(`${url}/services/async/62.0/job`, { method: "POST", headers, body: JSON.stringify({ operation: "insert", object: "Account", contentType: "JSON" }) })).json()) as { id: string };
    const records = Array.from({ length: 2000 }, (_, i) => ({ Name: `Crash ${i}` }));
    const batch = (await (await fetch(`${url}/services/async/62.0/job/${job.id}/batch`, { method: "POST", headers, body: JSON.stringify(records) })).json()) as { id: string };
    let processed = 0;
    for (let i = 0; i < 300 && processed === 0; i += 1) {
      const info = (await (await fetch(`${url}/services/async/62.0/job/${job.id}/batch/${batch.id}`, { headers })).json()) as { numberRecordsProcessed: number };
      processed = info.numberRecordsProcessed;
      if (!processed) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(processed).toBeGreaterThan(0);
    child.kill("SIGKILL");
    await exited;

    successor = await startEmulator({
      databaseUrl: database.url,
      port: 0,
      host: "127.0.0.1",
      config: { processing: { latencyMs: 0, pollIntervalMs: 20, leaseMs: 1000, chunkSize: CHUNK }, demo: { seedRecords: false } },
      log: () => {},
    });
    const next = { ...headers, "X-SFDC-Session": await token(successor.url, username, secret) };
    let info = { state: "", numberRecordsProcessed: 0 };
    for (let i = 0; i < 400 && info.state !== "Completed"; i += 1) {
      info = (await (await fetch(`${successor.url}/services/async/62.0/job/${job.id}/batch/${batch.id}`, { headers: next })).json()) as typeof info;
      if (info.state !== "Completed") await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(info).toMatchObject({ state: "Completed", numberRecordsProcessed: 2000 });
    const results = (await (await fetch(`${successor.url}/services/async/62.0/job/${job.id}/batch/${batch.id}/result`, { headers: next })).json()) as { success: boolean; id: string }[];
    expect(results).toHaveLength(2000);
    expect(results.every((r) => r.success)).toBe(true);
    const jobInfo = (await (await fetch(`${successor.url}/services/async/62.0/job/${job.id}`, { headers: next })).json()) as { numberRetries: number };
    expect(jobInfo.numberRetries).toBe(1);
    // At most the one chunk in flight at the kill can have been written twice (a Salesforce-style retry).
    const count = await fetch(`${successor.url}/services/data/v62.0/query?q=${encodeURIComponent("SELECT COUNT() FROM Account WHERE Name LIKE 'Crash%'")}`, { headers: { Authorization: `Bearer ${next["X-SFDC-Session"]}` } });
    const total = ((await count.json()) as { totalSize: number }).totalSize;
    expect(total).toBeGreaterThanOrEqual(2000);
    expect(total).toBeLessThanOrEqual(2000 + CHUNK);
  }, 60_000);
});
