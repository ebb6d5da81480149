import jsforce, { type Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startTestEmulator();
  conn = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
  await conn.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
  conn.bulk.pollInterval = 50;
  conn.bulk.pollTimeout = 20_000;
});
afterAll(async () => {
  await emulator?.close();
});

function v1(path: string, init: RequestInit = {}) {
  return fetch(`${emulator.url}/services/async/62.0/${path}`, {
    ...init,
    headers: { "X-SFDC-Session": conn.accessToken!, "Content-Type": "application/xml; charset=UTF-8", ...(init.headers as Record<string, string>) },
  });
}

async function waitForBatches(jobId: string, done: (xml: string) => boolean): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const xml = await (await v1(`job/${jobId}/batch`)).text();
    if (done(xml)) return xml;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("batches did not finish");
}

describe("Bulk API v1 through jsforce", () => {
  it("inserts in several batches with per-row errors, in input order", async () => {
    const job = conn.bulk.createJob("Account", "insert");
    const inputs = [
      [{ Name: "V1 A1", External_Id__c: "v1-a1" }, { Name: "V1 A2", External_Id__c: "v1-a2" }],
      [{ Name: "V1 A3", External_Id__c: "v1-a3" }, { Description: "no name" }],
      [{ Name: "V1 A4", External_Id__c: "v1-a4" }],
    ];
    const results = await Promise.all(
      inputs.map(
        (records) =>
          new Promise<unknown[]>((resolve, reject) => {
            const batch = job.createBatch();
            batch.on("error", reject);
            batch.on("response", resolve);
            batch.on("queue", () => batch.poll(50, 20_000));
            batch.execute(records);
          }),
      ),
    );
    const flat = results.flat() as { id: string | null; success: boolean; errors: string[] }[];
    expect(flat.map((r) => r.success)).toEqual([true, true, true, false, true]);
    expect(flat[3].id).toBeNull();
    expect(flat[3].errors[0]).toMatch(/^REQUIRED_FIELD_MISSING:Required fields are missing: \[Name\]:Name --$/);
    const info = await job.check();
    expect(Number(info.numberBatchesTotal)).toBe(3);
    expect(Number(info.numberBatchesCompleted)).toBe(3);
    expect(Number(info.numberRecordsProcessed)).toBe(5);
    expect(Number(info.numberRecordsFailed)).toBe(1);
    await job.close();
    const stats = await emulator.admin<{ v1BatchesSubmitted: number }>("GET", "stats");
    expect(stats.v1BatchesSubmitted).toBe(3);
  });

  it("updates, upserts by external id, deletes and hard-deletes", async () => {
    const inserted = (await conn.bulk.load("Contact", "insert", [
      { LastName: "Ada", External_Id__c: "c-1" },
      { LastName: "Bob", External_Id__c: "c-2" },
    ])) as { id: string; success: boolean }[];
    expect(inserted.every((r) => r.success)).toBe(true);

    const updated = (await conn.bulk.load("Contact", "update", [
      { Id: inserted[0].id, Title: "CEO" },
      { Id: "003000000000000AAA", Title: "ghost" },
    ])) as { success: boolean; created: boolean; errors: string[] }[];
    expect(updated[0]).toMatchObject({ success: true, created: false });
    expect(updated[1].success).toBe(false);

    const upserted = (await conn.bulk.load("Contact", "upsert", { extIdField: "External_Id__c" }, [
      { External_Id__c: "c-2", LastName: "Bobby" },
      { External_Id__c: "c-3", LastName: "Cy" },
    ])) as { id: string; success: boolean; created: boolean }[];
    expect(upserted.map((r) => [r.success, r.created])).toEqual([[true, false], [true, true]]);
    expect(upserted[0].id).toBe(inserted[1].id);

    const deleted = (await conn.bulk.load("Contact", "delete", [{ Id: inserted[0].id }])) as { success: boolean }[];
    expect(deleted[0].success).toBe(true);
    const hard = (await conn.bulk.load("Contact", "hardDelete", [{ Id: upserted[1].id }])) as { success: boolean }[];
    expect(hard[0].success).toBe(true);

    const records = await conn.bulk.query("SELECT Id, LastName, Title FROM Contact ORDER BY LastName");
    const rows: Record<string, unknown>[] = [];
    await new Promise<void>((resolve, reject) => records.on("record", (r: Record<string, unknown>) => rows.push(r)).on("end", () => resolve()).on("error", reject));
    expect(rows.map((r) => r.LastName)).toEqual(["Bobby"]);
  });

  it("runs PK-chunked queries: one batch per Id range, original NotProcessed", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ Name: `Chunk ${i}` }));
    await conn.bulk.load("Account", "insert", rows);
    const create = await v1("job", {
      method: "POST",
      headers: { "Sforce-Enable-PKChunking": "chunkSize=10;" },
      body: `<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><operation>query</operation><object>Account</object><contentType>CSV</contentType></jobInfo>`,
    });
    expect(create.status).toBe(201);
    const jobId = /<id>(\w+)<\/id>/.exec(await create.text())![1];
    const batch = await v1(`job/${jobId}/batch`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: "SELECT Id, Name FROM Account" });
    expect(batch.status).toBe(201);
    const list = await waitForBatches(jobId, (xml) => {
      const states = [...xml.matchAll(/<state>(\w+)<\/state>/g)].map((m) => m[1]);
      return states.length > 1 && states.every((s) => s === "Completed" || s === "NotProcessed");
    });
    const batches = [...list.matchAll(/<batchInfo><id>(\w+)<\/id><jobId>\w+<\/jobId><state>(\w+)<\/state>/g)].map((m) => ({ id: m[1], state: m[2] }));
    expect(batches[0].state).toBe("NotProcessed");
    const total = 25 + 5; // earlier test inserted 5 accounts, 4 of them successfully; plus this test's 25
    expect(batches.length - 1).toBe(Math.ceil((total - 1) / 10));
    const ids = new Set<string>();
    for (const chunk of batches.slice(1)) {
      const resultList = await (await v1(`job/${jobId}/batch/${chunk.id}/result`)).text();
      for (const [, resultId] of resultList.matchAll(/<result>(\w+)<\/result>/g)) {
        const csv = await (await v1(`job/${jobId}/batch/${chunk.id}/result/${resultId}`)).text();
        for (const line of csv.trim().split("\n").slice(1)) ids.add(line.split(",")[0]);
      }
    }
    expect(ids.size).toBe(total - 1);
    const job = await (await v1(`job/${jobId}`)).text();
    expect(job).toContain(`<numberBatchesTotal>${batches.length - 1}</numberBatchesTotal>`);
    expect(job).toContain(`<numberRecordsProcessed>${total - 1}</numberRecordsProcessed>`);
  });

  it("answers an expired session with InvalidSessionId and HTTP 400, which jsforce turns into a re-login", async () => {
    const other = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
    await other.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
    await emulator.admin("POST", "sessions/expire", { token: other.accessToken });
    const response = await fetch(`${emulator.url}/services/async/62.0/job`, {
      method: "POST",
      headers: { "X-SFDC-Session": other.accessToken!, "Content-Type": "application/xml" },
      body: "<jobInfo/>",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(await response.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><error xmlns="http://www.force.com/2009/06/asyncapi/dataload"><exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>Invalid session id</exceptionMessage></error>',
    );
    // jsforce refreshes a SOAP session only on exactly this 400 + InvalidSessionId, then replays.
    const expiredToken = other.accessToken;
    const result = (await other.bulk.load("Account", "insert", [{ Name: "after refresh" }])) as { success: boolean }[];
    expect(result[0].success).toBe(true);
    expect(other.accessToken).not.toBe(expiredToken);
    // jsforce closes the job in the background after the response; let that finish before teardown.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
});
