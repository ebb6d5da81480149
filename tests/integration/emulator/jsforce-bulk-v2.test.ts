import jsforce, { type Connection } from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
let conn: Connection;
const PAGE = 7;

beforeAll(async () => {
  emulator = await startTestEmulator({ v2QueryPageSize: PAGE });
  conn = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
  await conn.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
  conn.bulk2.pollInterval = 50;
  conn.bulk2.pollTimeout = 20_000;
});
afterAll(async () => {
  await emulator?.close();
});

function v2(path: string, init: RequestInit = {}) {
  return fetch(`${emulator.url}/services/data/v62.0/jobs/${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${conn.accessToken}`, "Content-Type": "application/json", ...(init.headers as Record<string, string>) },
  });
}

async function waitForState(path: string, states: string[]): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i += 1) {
    const info = (await (await v2(path)).json()) as Record<string, unknown>;
    if (states.includes(info.state as string)) return info;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job never reached ${states.join("/")}`);
}

describe("Bulk API 2.0 through jsforce", () => {
  it("ingests and returns successful and failed results with the input columns", async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: "Account",
      operation: "insert",
      input: [
        { Name: "V2 One", NumberOfEmployees: "10" },
        { Name: "", NumberOfEmployees: "20" },
        { Name: "V2 Three", NumberOfEmployees: "30" },
      ],
    });
    expect(results.successfulResults.map((r) => (r as Record<string, unknown>).Name)).toEqual(["V2 One", "V2 Three"]);
    expect(results.successfulResults[0].sf__Id).toMatch(/^001\w{15}$/);
    expect(results.successfulResults[0].sf__Created).toBe("true");
    expect(results.failedResults).toHaveLength(1);
    expect(results.failedResults[0].sf__Error).toBe("REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --");
    expect((results.failedResults[0] as Record<string, unknown>).NumberOfEmployees).toBe("20");
    expect(results.unprocessedRecords).toEqual([]);
  });

  it("keeps uploaded rows of an aborted job as unprocessed records", async () => {
    const job = conn.bulk2.createJob({ object: "Contact", operation: "insert" });
    await job.open();
    await job.uploadData("LastName,Email\nAbe,abe@example.com\nBea,bea@example.com\n");
    await job.abort();
    const unprocessed = (await job.getUnprocessedRecords()) as unknown as Record<string, string>[];
    expect(unprocessed.map((r) => r.LastName)).toEqual(["Abe", "Bea"]);
    const raw = await (await v2(`ingest/${job.id}/unprocessedRecords`, { headers: { Accept: "text/csv" } })).text();
    expect(raw).toBe('LastName,Email\n"Abe","abe@example.com"\n"Bea","bea@example.com"\n');
  });

  it("pages query results with Sforce-Locator until the literal 'null'", async () => {
    const input = Array.from({ length: 20 }, (_, i) => ({ Name: `Paged ${String(i).padStart(2, "0")}` }));
    await conn.bulk2.loadAndWaitForResults({ object: "Account", operation: "insert", input });
    // jsforce's own multi-page reader pipes every page into one stream and ends it after page one
    // (jsforce#1546), so jsforce reads a single page here and the paging loop below is done by hand.
    const stream = await conn.bulk2.query("SELECT Id, Name FROM Account WHERE Name IN ('Paged 00', 'Paged 01', 'Paged 02')");
    const rows: Record<string, string>[] = [];
    await new Promise<void>((resolve, reject) => stream.on("record", (r: Record<string, string>) => rows.push(r)).on("end", () => resolve()).on("error", reject));
    expect(rows.map((r) => r.Name).sort()).toEqual(["Paged 00", "Paged 01", "Paged 02"]);

    const create = await v2("query", { method: "POST", body: JSON.stringify({ operation: "query", query: "SELECT Name FROM Account WHERE Name LIKE 'Paged%' ORDER BY Name" }) });
    const created = (await create.json()) as { id: string; state: string };
    expect(created.state).toBe("UploadComplete");
    await waitForState(`query/${created.id}`, ["JobComplete"]);
    let locator: string | null = null;
    const pages: string[] = [];
    do {
      const response = await v2(`query/${created.id}/results${locator ? `?locator=${locator}` : ""}`, { headers: { Accept: "text/csv" } });
      expect(response.headers.get("content-type")).toBe("text/csv; charset=UTF-8");
      const body = await response.text();
      expect(body.startsWith('"Name"\n')).toBe(true);
      expect(Number(response.headers.get("sforce-numberofrecords"))).toBe(body.trim().split("\n").length - 1);
      pages.push(body);
      locator = response.headers.get("sforce-locator");
    } while (locator !== "null");
    expect(pages).toHaveLength(Math.ceil(20 / PAGE));
    const pageList = (await (await v2(`query/${created.id}/resultPages`)).json()) as { resultPages: { resultUrl: string }[]; done: boolean; nextRecordsUrl: string | null };
    expect(pageList).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(pageList.resultPages).toHaveLength(Math.ceil(20 / PAGE));
    const viaPages = await Promise.all(
      pageList.resultPages.map(async (page) => (await (await fetch(`${emulator.url}${page.resultUrl}`, { headers: { Authorization: `Bearer ${conn.accessToken}` } })).text()).trim().split("\n").slice(1)),
    );
    expect(viaPages.flat()).toHaveLength(20);
    const withMax = await v2(`query/${created.id}/results?maxRecords=50`);
    expect(withMax.headers.get("sforce-locator")).toBe("null");
    expect(withMax.headers.get("sforce-numberofrecords")).toBe("20");
  });

  it("speaks the exact Bulk 2.0 formats jsforce is lenient about", async () => {
    const create = await v2("ingest/", { method: "POST", body: JSON.stringify({ object: "account", operation: "insert", lineEnding: "CRLF" }) });
    expect(create.status).toBe(200);
    const text = await create.text();
    expect(text).toMatch(/"apiVersion":62\.0/);
    const job = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(job)).toEqual(["id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType", "apiVersion", "contentUrl", "lineEnding", "columnDelimiter"]);
    expect(job.object).toBe("Account");
    expect(job.contentUrl).toBe(`services/data/v62.0/jobs/ingest/${job.id}/batches`);
    const upload = await v2(`ingest/${job.id}/batches`, { method: "PUT", headers: { "Content-Type": "text/csv" }, body: "Name\nLF only\n" });
    expect(upload.status).toBe(201);
    expect(await upload.text()).toBe("");
    const second = await v2(`ingest/${job.id}/batches`, { method: "PUT", headers: { "Content-Type": "text/csv" }, body: "Name\nagain\n" });
    expect(second.status).toBe(400);
    expect(((await second.json()) as { errorCode: string }[])[0].errorCode).toBe("BULK_API_ERROR");
    const close = await v2(`ingest/${job.id}`, { method: "PATCH", body: JSON.stringify({ state: "UploadComplete" }) });
    expect(((await close.json()) as { state: string }).state).toBe("UploadComplete");
    const failed = await waitForState(`ingest/${job.id}`, ["Failed", "JobComplete"]);
    expect(failed.state).toBe("Failed");
    expect(failed.errorMessage).toBe("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF");
    const unprocessed = await (await v2(`ingest/${job.id}/unprocessedrecords`)).text();
    expect(unprocessed).toBe('Name\r\n"LF only"\r\n');
    const abort = await v2(`ingest/${job.id}`, { method: "PATCH", body: JSON.stringify({ state: "Aborted" }) });
    expect(abort.status).toBe(400);
    expect(((await abort.json()) as { errorCode: string }[])[0].errorCode).toBe("INVALIDJOBSTATE");
    const del = await v2(`ingest/${job.id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    const gone = await v2(`ingest/${job.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual([{ message: "The requested resource does not exist", errorCode: "NOT_FOUND" }]);
    const badObject = await v2("ingest", { method: "POST", body: JSON.stringify({ object: "Nope__c", operation: "insert" }) });
    expect(await badObject.json()).toEqual([{ message: "InvalidJob : Unable to find object: Nope__c", errorCode: "INVALIDJOB" }]);
    const list = (await (await v2("ingest")).json()) as { done: boolean; records: { jobType: string }[]; nextRecordsUrl: string | null };
    expect(list.done).toBe(true);
    expect(list.nextRecordsUrl).toBeNull();
    expect(list.records.length).toBeGreaterThan(0);
  });

  it("answers an expired token with 401 INVALID_SESSION_ID", async () => {
    const other = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
    await other.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
    await emulator.admin("POST", "sessions/expire", { token: other.accessToken });
    const response = await fetch(`${emulator.url}/services/data/v62.0/jobs/ingest`, { headers: { Authorization: `Bearer ${other.accessToken}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get("sforce-limit-info")).toBeNull();
    expect(await response.json()).toEqual([{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
    const ok = await fetch(`${emulator.url}/services/data/v62.0/jobs/ingest`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
    expect(ok.headers.get("sforce-limit-info")).toMatch(/^api-usage=\d+\/100000$/);
  });
});
