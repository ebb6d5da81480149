import jsforce, { type Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startTestEmulator();
  conn = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
  await conn.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
});
afterAll(async () => {
  await emulator?.close();
});

const get = (path: string) => fetch(`${emulator.url}${path}`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });

describe("REST", () => {
  it("lists versions without auth, ascending, with release labels", async () => {
    const response = await fetch(`${emulator.url}/services/data/`);
    const versions = (await response.json()) as { label: string; url: string; version: string }[];
    expect(versions[0].version).toBe("31.0");
    expect(versions.find((v) => v.version === "64.0")).toEqual({ label: "Summer '25", url: "/services/data/v64.0", version: "64.0" });
    const gone = await get("/services/data/v30.0/limits");
    expect(gone.status).toBe(410);
  });

  it("describes through jsforce and 404s unknown objects", async () => {
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toContain("Account");
    const account = await conn.sobject("Account").describe();
    expect(account.fields.map((f) => f.name)).toContain("External_Id__c");
    const missing = await get("/services/data/v62.0/sobjects/Nope__c/describe");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ message: "The requested resource does not exist", errorCode: "NOT_FOUND" }]);
  });

  it("pages /query by 2,000 with nextRecordsUrl, which jsforce follows", async () => {
    const rows = Array.from({ length: 2100 }, (_, i) => ({ Name: `Rest ${i}` }));
    const created = (await conn.bulk.load("Account", "insert", rows)) as { success: boolean }[];
    expect(created.every((r) => r.success)).toBe(true);
    const first = (await (await get(`/services/data/v62.0/query?q=${encodeURIComponent("SELECT Id, Name FROM Account")}`)).json()) as {
      totalSize: number; done: boolean; nextRecordsUrl: string; records: unknown[];
    };
    expect(first).toMatchObject({ totalSize: 2100, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w{12}-2000$/);
    const second = (await (await get(first.nextRecordsUrl)).json()) as { done: boolean; records: unknown[] };
    expect(second.done).toBe(true);
    expect(second.records).toHaveLength(100);
    const all = await conn.query("SELECT Id FROM Account").run({ autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(2100);
    const bad = await get(`/services/data/v62.0/query?q=${encodeURIComponent("SELECT Nope FROM Account")}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorCode: string }[])[0].errorCode).toBe("INVALID_FIELD");
  });

  it("counts requests per day in /limits and Sforce-Limit-Info", async () => {
    const a = await get("/services/data/v62.0/limits");
    const used = Number(/api-usage=(\d+)\/(\d+)/.exec(a.headers.get("sforce-limit-info")!)![1]);
    const limits = (await a.json()) as Record<string, { Max: number; Remaining: number }>;
    expect(limits.DailyApiRequests.Max - limits.DailyApiRequests.Remaining).toBe(used);
    expect(limits.DailyBulkApiBatches.Max - limits.DailyBulkApiBatches.Remaining).toBeGreaterThanOrEqual(1);
    expect(Object.keys(limits)).toEqual(expect.arrayContaining(["DailyBulkV2QueryJobs", "DailyBulkV2QueryFileStorageMB"]));
    const b = await get("/services/data/v62.0/limits");
    expect(b.headers.get("sforce-limit-info")).toBe(`api-usage=${used + 1}/100000`);
  });

  it("never answers with a stack trace", async () => {
    const response = await fetch(`${emulator.url}/services/data/v62.0/jobs/ingest`, {
      method: "POST",
      headers: { Authorization: `Bearer ${conn.accessToken}`, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at \w+ \(/);
    expect(JSON.parse(text)).toEqual([{ message: "Unexpected input: the request body must be a JSON object", errorCode: "JSON_PARSER_ERROR" }]);
  });
});
