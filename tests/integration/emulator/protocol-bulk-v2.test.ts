import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: emulator.demo.oauthClientId, client_secret: emulator.demo.oauthClientSecret, username: emulator.demo.username, password: emulator.demo.password + emulator.demo.securityToken }),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await emulator?.close();
});

const v2 = (path: string, init: RequestInit = {}) =>
  fetch(`${emulator.url}/services/data/v62.0/jobs/${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers as Record<string, string>) } });

async function waitFor(path: string, states: string[]): Promise<Record<string, unknown>> {
  for (let i = 0; i < 300; i += 1) {
    const info = (await (await v2(path)).json()) as Record<string, unknown>;
    if (states.includes(info.state as string)) return info;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("never finished");
}

describe("Bulk API 2.0 over raw HTTP", () => {
  it("creates and uploads in one multipart request", async () => {
    const boundary = "BOUNDARY";
    const body = [
      `--${boundary}`,
      "Content-Type: application/json",
      'Content-Disposition: form-data; name="job"',
      "",
      JSON.stringify({ object: "Contact", contentType: "CSV", operation: "insert", lineEnding: "LF" }),
      "",
      `--${boundary}`,
      "Content-Type: text/csv",
      'Content-Disposition: form-data; name="content"; filename="content"',
      "",
      // The file content keeps its own LF line endings inside the CRLF-framed multipart body.
      "FirstName,LastName,MailingCity\nAstro,Nomical,San Francisco\n",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const response = await v2("ingest", { method: "POST", headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body });
    const job = (await response.json()) as { id: string; state: string };
    expect(job.state).toBe("UploadComplete");
    const done = await waitFor(`ingest/${job.id}`, ["JobComplete", "Failed"]);
    expect(done).toMatchObject({ state: "JobComplete", numberRecordsProcessed: 1, numberRecordsFailed: 0, jobType: "V2Ingest" });
    const results = await (await v2(`ingest/${job.id}/successfulResults/`)).text();
    expect(results).toMatch(/^"sf__Id","sf__Created",FirstName,LastName,MailingCity\n"003\w{15}","true","Astro","Nomical","San Francisco"\n$/);
  });

  it("uses the job's column delimiter and line ending in uploads and results", async () => {
    const job = (await (await v2("ingest", { method: "POST", body: JSON.stringify({ object: "Account", operation: "insert", columnDelimiter: "PIPE", lineEnding: "CRLF" }) })).json()) as { id: string };
    await v2(`ingest/${job.id}/batches`, { method: "PUT", headers: { "Content-Type": "text/csv" }, body: "Name|Description\r\nPipe One|a, b\r\n|missing name\r\n" });
    await v2(`ingest/${job.id}`, { method: "PATCH", body: JSON.stringify({ state: "UploadComplete" }) });
    const info = await waitFor(`ingest/${job.id}`, ["JobComplete", "Failed"]);
    expect(info).toMatchObject({ state: "JobComplete", numberRecordsProcessed: 2, numberRecordsFailed: 1, lineEnding: "CRLF", columnDelimiter: "PIPE" });
    const download = await v2(`ingest/${job.id}/failedResults`, { headers: { "Accept-Encoding": "gzip" } });
    expect(download.headers.get("content-encoding")).toBe("gzip");
    const failed = await download.text();
    expect(failed).toBe('"sf__Id"|"sf__Error"|Name|Description\r\n""|"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --"|""|"missing name"\r\n');
    const unprocessed = await (await v2(`ingest/${job.id}/unprocessedrecords`)).text();
    expect(unprocessed).toBe("Name|Description\r\n");
  });

  it("fails an upload with an unknown column with Salesforce's message", async () => {
    const job = (await (await v2("ingest", { method: "POST", body: JSON.stringify({ object: "Account", operation: "insert" }) })).json()) as { id: string };
    await v2(`ingest/${job.id}/batches`, { method: "PUT", headers: { "Content-Type": "text/csv" }, body: "Name,Foo__c\nA,b\n" });
    await v2(`ingest/${job.id}`, { method: "PATCH", body: JSON.stringify({ state: "UploadComplete" }) });
    const info = await waitFor(`ingest/${job.id}`, ["JobComplete", "Failed"]);
    expect(info.state).toBe("Failed");
    expect(info.errorMessage).toMatch(/^InvalidBatch : Field name not found : Foo__c/);
  });

  it("validates query jobs at creation, aborts, deletes and refuses early result downloads", async () => {
    const bad = await v2("query", { method: "POST", body: JSON.stringify({ operation: "query", query: "SELECT Nope FROM Account" }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorCode: string }[])[0].errorCode).toBe("INVALID_FIELD");
    const badOp = await v2("query", { method: "POST", body: JSON.stringify({ operation: "insert", query: "SELECT Id FROM Account" }) });
    expect(await badOp.json()).toEqual([{ message: "Invalid value: 'insert' supplied for property: 'operation'", errorCode: "API_ERROR" }]);

    await emulator.admin("POST", "faults", { slowBatchMs: 5_000 });
    const slow = (await (await v2("query", { method: "POST", body: JSON.stringify({ operation: "queryAll", query: "SELECT Id FROM Account" }) })).json()) as { id: string; object: string };
    expect(slow.object).toBe("Account");
    const early = await v2(`query/${slow.id}/results`);
    expect(early.status).toBe(412);
    expect(((await early.json()) as { errorCode: string }[])[0].errorCode).toBe("JOB_NOT_COMPLETE");
    const notTerminated = await v2(`query/${slow.id}`, { method: "DELETE" });
    expect(await notTerminated.json()).toEqual([{ message: "Error encountered when deleting the job because the job is not terminated", errorCode: "API_ERROR" }]);
    const aborted = await v2(`query/${slow.id}`, { method: "PATCH", body: JSON.stringify({ state: "Aborted" }) });
    expect(((await aborted.json()) as { state: string }).state).toBe("Aborted");
    await emulator.admin("POST", "faults/reset");
    expect((await v2(`query/${slow.id}`, { method: "DELETE" })).status).toBe(204);

    const done = (await (await v2("query", { method: "POST", body: JSON.stringify({ query: "SELECT Id, Name FROM Account WHERE Name = 'none'" }) })).json()) as { id: string };
    await waitFor(`query/${done.id}`, ["JobComplete"]);
    const empty = await v2(`query/${done.id}/results`);
    expect(empty.headers.get("sforce-locator")).toBe("null");
    expect(empty.headers.get("sforce-numberofrecords")).toBe("0");
    expect(await empty.text()).toBe('"Id","Name"\n');
    const again = await v2(`query/${done.id}`, { method: "PATCH", body: JSON.stringify({ state: "Aborted" }) });
    expect(await again.json()).toEqual([{ message: "Aborting already Completed Job not allowed", errorCode: "INVALIDJOBSTATE" }]);
  });
});
