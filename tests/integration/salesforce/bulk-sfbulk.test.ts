/** The sfbulk-compatible `Bulk` flow against the emulator over real HTTP, for every operation. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bulk, SalesforceApiError, type IngestResult, type QueryRecord } from "../../../lib/salesforce";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

async function loggedIn(): Promise<Bulk> {
  const bulk = new Bulk({ loginUrl: emulator.url, allowedOrigins: [emulator.url], apiVersion: "66.0" });
  await bulk.login(emulator.demo.username, emulator.demo.password, emulator.demo.securityToken);
  return bulk;
}

async function waitForJob(bulk: Bulk): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await bulk.jobIsCompleted()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("job did not complete");
}

async function run(bulk: Bulk, operation: Parameters<Bulk["jobCreate"]>[0], data: Parameters<Bulk["batchCreate"]>[0], options = {}) {
  await bulk.jobCreate(operation, "Account", options);
  const batchIds = await bulk.batchCreate(data);
  await bulk.jobClose();
  await waitForJob(bulk);
  return { batchIds, results: await bulk.batchResult() };
}

describe("Bulk (sfbulk parity) against the emulator", () => {
  it("logs in with SOAP (login version capped at 64.0 while bulk calls use 66.0)", async () => {
    const bulk = await loggedIn();
    expect(bulk.client.session?.accessToken).toMatch(/!/);
    expect(bulk.client.session?.instanceUrl).toBe(emulator.url);
  });

  it("rejects bad credentials with a typed INVALID_LOGIN error that does not echo the password", async () => {
    const bulk = new Bulk({ loginUrl: emulator.url, allowedOrigins: [emulator.url] });
    const error = await bulk.login(emulator.demo.username, "wrong-password", "nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceApiError);
    expect((error as SalesforceApiError).errorCode).toBe("INVALID_LOGIN");
    expect((error as SalesforceApiError).message).not.toContain("wrong-password");
  });

  it("insert, update, upsert, query, queryAll, delete and hardDelete round-trip", async () => {
    const bulk = await loggedIn();
    const inserted = await run(bulk, "insert", [
      { Name: "Acme, Inc.", External_Id__c: "ext-1", Description: 'Said "hi"\non two lines' },
      { Name: "Globex", External_Id__c: "ext-2" },
      { Description: "no name" },
    ]);
    const insertResults = Object.values(inserted.results)[0] as IngestResult[];
    expect(insertResults.map((r) => [r.success, r.created])).toEqual([[true, true], [true, true], [false, false]]);
    expect(insertResults[2].error).toMatch(/REQUIRED_FIELD_MISSING/);
    const [acmeId, globexId] = insertResults.map((r) => r.id);

    const status = Object.values(await bulk.batchStatus())[0];
    expect(status.state).toBe("Completed");
    expect(status.numberRecordsProcessed).toBe(3);
    expect(status.numberRecordsFailed).toBe(1);
    expect(typeof status.totalProcessingTime).toBe("number");

    const updated = await run(bulk, "update", `Id,Name\n${acmeId},Acme Updated\n`);
    expect((Object.values(updated.results)[0] as IngestResult[])[0]).toMatchObject({ id: acmeId, success: true, created: false });

    const upserted = await run(bulk, "upsert", [{ External_Id__c: "ext-2", Name: "Globex 2" }, { External_Id__c: "ext-3", Name: "Initech" }], { externalIdFieldName: "External_Id__c" });
    const upsertResults = Object.values(upserted.results)[0] as IngestResult[];
    expect(upsertResults.map((r) => r.created)).toEqual([false, true]);
    expect(upsertResults[0].id).toBe(globexId);

    const queried = await run(bulk, "query", "SELECT Id, Name, Description FROM Account WHERE External_Id__c != null ORDER BY Name");
    const records = Object.values(queried.results)[0] as QueryRecord[];
    expect(records.map((r) => r.Name)).toEqual(["Acme Updated", "Globex 2", "Initech"]);
    expect(records[0].Description).toBe('Said "hi"\non two lines');

    await run(bulk, "delete", [{ Id: acmeId }]);
    const afterDelete = await run(bulk, "query", "SELECT Id FROM Account WHERE External_Id__c != null");
    expect((Object.values(afterDelete.results)[0] as QueryRecord[]).length).toBe(2);
    const all = await run(bulk, "queryAll", "SELECT Id, IsDeleted FROM Account WHERE External_Id__c != null");
    expect((Object.values(all.results)[0] as QueryRecord[]).length).toBe(3);

    const hard = await run(bulk, "hardDelete", [{ Id: globexId }]);
    expect((Object.values(hard.results)[0] as IngestResult[])[0].success).toBe(true);
  });

  it("splits data over 10,000 records into several batches and keeps results in input order", async () => {
    const bulk = await loggedIn();
    const rows = Array.from({ length: 10_050 }, (_, i) => ({ Name: `Split ${i}` }));
    const { batchIds, results } = await run(bulk, "insert", rows);
    expect(batchIds).toHaveLength(2);
    expect((results[batchIds[0]] as IngestResult[]).length).toBe(10_000);
    expect((results[batchIds[1]] as IngestResult[]).length).toBe(50);
    expect(Object.values(results).flat().every((r) => (r as IngestResult).success)).toBe(true);
  });

  it("treats a PK-chunked query as complete once the original batch is NotProcessed and the chunks are done", async () => {
    const bulk = await loggedIn();
    const { batchIds, results } = await run(bulk, "query", "SELECT Id FROM Account WHERE Name LIKE 'Split %'", { pkChunking: 4000 });
    const statuses = Object.values(await bulk.batchStatus());
    expect(statuses.find((s) => s.id === batchIds[0])?.state).toBe("NotProcessed");
    expect(statuses.filter((s) => s.state === "Completed").length).toBeGreaterThan(1);
    expect(results[batchIds[0]]).toBeUndefined();
    expect(Object.values(results).flat()).toHaveLength(10_050);
  });

  it("supports JSON and XML content types", async () => {
    const bulk = await loggedIn();
    for (const contentType of ["JSON", "XML"] as const) {
      const { results } = await run(bulk, "insert", [{ Name: `${contentType} one` }, { Name: null }], { contentType });
      const list = Object.values(results)[0] as IngestResult[];
      expect(list[0]).toMatchObject({ success: true, created: true });
      expect(list[1].success).toBe(false);
      const q = await run(bulk, "query", `SELECT Id, Name FROM Account WHERE Name = '${contentType} one'`, { contentType });
      expect((Object.values(q.results)[0] as QueryRecord[])[0].Name).toBe(`${contentType} one`);
    }
  });

  it("aborts a job and streams query results", async () => {
    const bulk = await loggedIn();
    await bulk.jobCreate("insert", "Account");
    expect((await bulk.jobAbort()).state).toBe("Aborted");
    await run(bulk, "query", "SELECT Id, Name FROM Account WHERE Name LIKE 'Split 1%'");
    let count = 0;
    for await (const item of bulk.batchResultStream()) {
      expect(item.batchId).toMatch(/^751/);
      count += 1;
    }
    // Split 1, 10-19, 100-199, 1000-1999, 10000-10049 from the splitting test.
    expect(count).toBe(1161);
  });
});
