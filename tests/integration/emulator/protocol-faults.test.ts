import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
let token: string;

async function login(): Promise<string> {
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      client_id: emulator.demo.oauthClientId,
      client_secret: emulator.demo.oauthClientSecret,
      username: emulator.demo.username,
      password: emulator.demo.password + emulator.demo.securityToken,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const rest = (path: string) => fetch(`${emulator.url}/services/data/v62.0/${path}`, { headers: { Authorization: `Bearer ${token}` } });
const createV1Job = (body = "<jobInfo xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><operation>insert</operation><object>Account</object><contentType>CSV</contentType></jobInfo>") =>
  fetch(`${emulator.url}/services/async/62.0/job`, { method: "POST", headers: { "X-SFDC-Session": token, "Content-Type": "application/xml" }, body });

async function v1Csv(csv: string): Promise<string> {
  const job = /<id>(\w+)<\/id>/.exec(await (await createV1Job()).text())![1];
  const batch = await fetch(`${emulator.url}/services/async/62.0/job/${job}/batch`, { method: "POST", headers: { "X-SFDC-Session": token, "Content-Type": "text/csv" }, body: csv });
  const batchId = /<id>(\w+)<\/id>/.exec(await batch.text())![1];
  for (let i = 0; i < 200; i += 1) {
    const info = await (await fetch(`${emulator.url}/services/async/62.0/job/${job}/batch/${batchId}`, { headers: { "X-SFDC-Session": token } })).text();
    if (info.includes("<state>Completed</state>")) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (await fetch(`${emulator.url}/services/async/62.0/job/${job}/batch/${batchId}/result`, { headers: { "X-SFDC-Session": token } })).text();
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  token = await login();
});
afterEach(async () => {
  await emulator.admin("POST", "faults/reset");
});
afterAll(async () => {
  await emulator?.close();
});

describe("fault injection", () => {
  it("refuses the admin API without the bearer secret", async () => {
    expect((await fetch(`${emulator.url}/__emulator/stats`)).status).toBe(401);
    const wrong = await fetch(`${emulator.url}/__emulator/faults`, { method: "POST", headers: { Authorization: "Bearer nope" }, body: "{}" });
    expect(wrong.status).toBe(401);
    const invalid = await fetch(`${emulator.url}/__emulator/faults`, { method: "POST", headers: { Authorization: `Bearer ${emulator.adminSecret}` }, body: JSON.stringify({ errorRate: 3 }) });
    expect(invalid.status).toBe(400);
  });

  it("answers a share of requests with 5xx in each protocol's format, deterministically per seed", async () => {
    await emulator.admin("POST", "faults", { errorRate: 1, pathPattern: "^/services/async" });
    const v1 = await createV1Job();
    expect(v1.status).toBe(503);
    expect(await v1.text()).toContain("<exceptionCode>InternalServerError</exceptionCode>");
    expect((await rest("limits")).status).toBe(200);

    const sequence = async () => {
      await emulator.admin("POST", "faults", { errorRate: 0.5, seed: 42, pathPattern: null });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await rest("limits")).status);
      return statuses;
    };
    const first = await sequence();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await sequence()).toEqual(first);
    const body = await (async () => {
      for (;;) {
        const response = await rest("limits");
        if (response.status === 503) return response.json();
      }
    })();
    expect(body).toEqual([{ message: "Service temporarily unavailable (injected fault)", errorCode: "SERVER_UNAVAILABLE" }]);
  });

  it("drops connections before or after handling the request", async () => {
    const before = await emulator.admin<{ jobs: { v1: number } }>("GET", "stats");
    await emulator.admin("POST", "faults", { dropRate: 1, dropMode: "before" });
    await expect(createV1Job()).rejects.toThrow();
    await emulator.admin("POST", "faults", { dropRate: 1, dropMode: "after" });
    await expect(createV1Job()).rejects.toThrow();
    await emulator.admin("POST", "faults/reset");
    const after = await emulator.admin<{ jobs: { v1: number }; faults: unknown }>("GET", "stats");
    // Only the "after" drop created a job: the client never learned its id (the case reconciliation exists for).
    expect(after.jobs.v1).toBe(before.jobs.v1 + 1);
  });

  it("returns REQUEST_LIMIT_EXCEEDED after N calls", async () => {
    await emulator.admin("POST", "faults", { requestLimitAfter: 2 });
    expect((await rest("limits")).status).toBe(200);
    expect((await rest("limits")).status).toBe(200);
    const limited = await rest("limits");
    expect(limited.status).toBe(403);
    expect(await limited.json()).toEqual([{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }]);
    const v1 = await createV1Job();
    expect(v1.status).toBe(403);
    expect(await v1.text()).toContain("<exceptionCode>ExceededQuota</exceptionCode>");
  });

  it("fails a seeded share of rows with UNABLE_TO_LOCK_ROW, the same rows for the same seed", async () => {
    const csv = `Name\n${Array.from({ length: 40 }, (_, i) => `Locked ${i}`).join("\n")}\n`;
    const run = async () => {
      await emulator.admin("POST", "faults", { lockRowRate: 0.25, seed: 7 });
      const lines = (await v1Csv(csv)).trim().split("\n").slice(1);
      return lines.map((line, i) => (line.includes("UNABLE_TO_LOCK_ROW") ? i : -1)).filter((i) => i >= 0);
    };
    const first = await run();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(40);
    expect(await run()).toEqual(first);
    const result = await v1Csv("Name\nOne\n");
    expect(result).toContain('"true","true",""');
  });

  it("expires sessions on demand and slows batches", async () => {
    const other = await login();
    const expired = await emulator.admin<{ expired: number }>("POST", "sessions/expire", { username: emulator.demo.username });
    expect(expired.expired).toBeGreaterThanOrEqual(2);
    const response = await fetch(`${emulator.url}/services/data/v62.0/limits`, { headers: { Authorization: `Bearer ${other}` } });
    expect(response.status).toBe(401);
    token = await login();

    await emulator.admin("POST", "faults", { slowBatchMs: 400 });
    const started = Date.now();
    await v1Csv("Name\nSlow\n");
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });
});
