import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

// Slow, chunked processing so the restart lands in the middle of the work.
const SLOW = { processing: { recordsPerSecond: 4000, chunkSize: 500, workers: 2 } };
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

const v1 = (path: string, init: RequestInit = {}) =>
  fetch(`${emulator.url}/services/async/62.0/${path}`, { ...init, headers: { "X-SFDC-Session": token, "Content-Type": "application/json", ...(init.headers as Record<string, string>) } });
const v2 = (path: string, init: RequestInit = {}) =>
  fetch(`${emulator.url}/services/data/v62.0/jobs/ingest/${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers as Record<string, string>) } });

beforeAll(async () => {
  emulator = await startTestEmulator(SLOW);
  token = await login();
});
afterAll(async () => {
  await emulator?.close();
});

describe("restarting mid-job", () => {
  it("loses no job, batch or record and resumes processing", async () => {
    const job = (await (await v1("job", { method: "POST", body: JSON.stringify({ operation: "insert", object: "Account", contentType: "JSON" }) })).json()) as { id: string };
    const records = Array.from({ length: 3000 }, (_, i) => ({ Name: `Restart v1 ${i}` }));
    const batch = (await (await v1(`job/${job.id}/batch`, { method: "POST", body: JSON.stringify(records) })).json()) as { id: string };
    const ingest = (await (await v2("", { method: "POST", body: JSON.stringify({ object: "Account", operation: "insert" }) })).json()) as { id: string };
    const csv = `Name\n${Array.from({ length: 2000 }, (_, i) => `Restart v2 ${i}`).join("\n")}\n`;
    expect((await v2(`${ingest.id}/batches`, { method: "PUT", headers: { "Content-Type": "text/csv" }, body: csv })).status).toBe(201);
    await v2(ingest.id, { method: "PATCH", body: JSON.stringify({ state: "UploadComplete" }) });

    let midway = 0;
    for (let i = 0; i < 200 && midway === 0; i += 1) {
      const info = (await (await v1(`job/${job.id}/batch/${batch.id}`)).json()) as { state: string; numberRecordsProcessed: number };
      if (info.state === "InProgress" && info.numberRecordsProcessed > 0) midway = info.numberRecordsProcessed;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(3000);

    await emulator.restart(SLOW);
    token = await login();

    let state = "";
    for (let i = 0; i < 300 && state !== "Completed"; i += 1) {
      state = ((await (await v1(`job/${job.id}/batch/${batch.id}`)).json()) as { state: string }).state;
      if (state !== "Completed") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(state).toBe("Completed");
    const results = (await (await v1(`job/${job.id}/batch/${batch.id}/result`)).json()) as { success: boolean; id: string }[];
    expect(results).toHaveLength(3000);
    expect(results.every((r) => r.success)).toBe(true);
    expect(new Set(results.map((r) => r.id)).size).toBe(3000);

    let v2State = "";
    for (let i = 0; i < 300 && v2State !== "JobComplete"; i += 1) {
      v2State = ((await (await v2(ingest.id)).json()) as { state: string }).state;
      if (v2State !== "JobComplete") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const info = (await (await v2(ingest.id)).json()) as { numberRecordsProcessed: number; numberRecordsFailed: number };
    expect(info).toMatchObject({ numberRecordsProcessed: 2000, numberRecordsFailed: 0 });

    // Exactly the submitted records exist: nothing lost, nothing applied twice.
    const count = await fetch(`${emulator.url}/services/data/v62.0/query?q=${encodeURIComponent("SELECT COUNT() FROM Account WHERE Name LIKE 'Restart%'")}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await count.json()) as { totalSize: number }).totalSize).toBe(5000);
  });
});
