import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
let token: string;
const NS = "http://www.force.com/2009/06/asyncapi/dataload";

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

const v1 = (path: string, init: RequestInit = {}) =>
  fetch(`${emulator.url}/services/async/62.0/${path}`, { ...init, headers: { "X-SFDC-Session": token, ...(init.headers as Record<string, string>) } });
const json = { "Content-Type": "application/json" };

/** JSON jobs answer JSON, CSV/XML jobs XML: read the fields a test needs from either. */
function field(text: string, name: string): string {
  if (text.startsWith("{")) return String((JSON.parse(text) as Record<string, unknown>)[name]);
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)![1];
}

async function createJob(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const response = await v1("job", { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return field(await response.text(), "id");
}

async function waitBatch(job: string, batch: string, states = ["Completed", "Failed", "NotProcessed"]): Promise<Record<string, unknown>> {
  for (let i = 0; i < 300; i += 1) {
    const text = await (await v1(`job/${job}/batch/${batch}`, { headers: json })).text();
    const info = { state: field(text, "state") };
    if (states.includes(info.state)) return info;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("batch never finished");
}

describe("Bulk v1 over raw HTTP", () => {
  it("runs a JSON job the way simple-salesforce does (integer concurrencyMode, JSON everywhere)", async () => {
    const job = await createJob({ operation: "insert", object: "Contact", concurrencyMode: 0, contentType: "JSON" });
    const add = await v1(`job/${job}/batch`, { method: "POST", headers: json, body: JSON.stringify([{ LastName: "Json", Email: "j@example.com" }, { Email: "no-last@example.com" }]) });
    expect(add.status).toBe(201);
    expect(add.headers.get("content-type")).toBe("application/json");
    const batch = (await add.json()) as { id: string; state: string };
    expect(batch.state).toBe("Queued");
    await waitBatch(job, batch.id);
    const results = (await (await v1(`job/${job}/batch/${batch.id}/result`, { headers: json })).json()) as Record<string, unknown>[];
    expect(results[0]).toMatchObject({ success: true, created: true, errors: [] });
    expect(results[1]).toEqual({ success: false, created: false, id: null, errors: [{ statusCode: "REQUIRED_FIELD_MISSING", message: "Required fields are missing: [LastName]", fields: ["LastName"] }] });
    const request = await v1(`job/${job}/batch/${batch.id}/request`, { headers: json });
    expect(((await request.json()) as unknown[]).length).toBe(2);
    const query = await createJob({ operation: "query", object: "Contact", contentType: "JSON" });
    const qb = (await (await v1(`job/${query}/batch`, { method: "POST", headers: json, body: "SELECT Id, LastName FROM Contact" })).json()) as { id: string };
    await waitBatch(query, qb.id);
    const ids = (await (await v1(`job/${query}/batch/${qb.id}/result`, { headers: json })).json()) as string[];
    expect(ids[0]).toMatch(/^752/);
    const records = (await (await v1(`job/${query}/batch/${qb.id}/result/${ids[0]}`, { headers: json })).json()) as { LastName: string; attributes: { type: string } }[];
    expect(records).toEqual([expect.objectContaining({ LastName: "Json", attributes: expect.objectContaining({ type: "Contact" }) })]);
  });

  it("runs XML batches and answers XML results with the Result element order", async () => {
    const create = await v1("job", {
      method: "POST",
      headers: { "Content-Type": "application/xml; charset=UTF-8" },
      body: `<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="${NS}"><operation>insert</operation><object>Account</object><contentType>XML</contentType></jobInfo>`,
    });
    const job = /<id>(\w+)<\/id>/.exec(await create.text())![1];
    const add = await v1(`job/${job}/batch`, {
      method: "POST",
      headers: { "Content-Type": "application/xml" },
      body: `<?xml version="1.0" encoding="UTF-8"?><sObjects xmlns="${NS}"><sObject><Name>Xml One</Name></sObject><sObject><Description>none</Description></sObject></sObjects>`,
    });
    const batch = /<id>(\w+)<\/id>/.exec(await add.text())![1];
    await waitBatch(job, batch);
    const result = await v1(`job/${job}/batch/${batch}/result`);
    expect(result.headers.get("content-type")).toBe("application/xml");
    const xml = await result.text();
    expect(xml).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?><results xmlns="${NS}"><result><id>001\\w{15}</id><success>true</success><created>true</created></result><result><errors><fields>Name</fields><message>Required fields are missing: \\[Name\\]</message><statusCode>REQUIRED_FIELD_MISSING</statusCode></errors><id xsi:nil="true"`));

    const queryJob = await v1("job", {
      method: "POST",
      headers: { "Content-Type": "application/xml" },
      body: `<jobInfo xmlns="${NS}"><operation>query</operation><object>Account</object><contentType>XML</contentType></jobInfo>`,
    });
    const qid = /<id>(\w+)<\/id>/.exec(await queryJob.text())![1];
    const added = await v1(`job/${qid}/batch`, { method: "POST", headers: { "Content-Type": "application/xml" }, body: "SELECT Id, Name FROM Account WHERE Name = 'Xml One'" });
    const qb = /<id>(\w+)<\/id>/.exec(await added.text())![1];
    await waitBatch(qid, qb);
    const resultId = /<result>(\w+)<\/result>/.exec(await (await v1(`job/${qid}/batch/${qb}/result`)).text())![1];
    const records = await (await v1(`job/${qid}/batch/${qb}/result/${resultId}`)).text();
    expect(records).toMatch(/<records xsi:type="sf:sObject"><sf:type>Account<\/sf:type><sf:Id>(001\w{15})<\/sf:Id><sf:Id>\1<\/sf:Id><sf:Name>Xml One<\/sf:Name><\/records><\/queryResult>$/);
  });

  it("gives the v1 error codes for bad ids, closed jobs and oversized batches", async () => {
    const badJob = await v1("job/750000000000000AAA", { headers: { "Content-Type": "application/xml" } });
    expect(badJob.status).toBe(400);
    expect(await badJob.text()).toContain("<exceptionCode>InvalidJob</exceptionCode>");
    const job = await createJob({ operation: "insert", object: "Account", contentType: "CSV" });
    const badBatch = await v1(`job/${job}/batch/751000000000000AAA`);
    expect(await badBatch.text()).toContain("<exceptionCode>InvalidBatch</exceptionCode>");
    const tooBig = await v1(`job/${job}/batch`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: `Name\n${"x".repeat(10_000_001)}\n` });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain("<exceptionMessage>Exceeded max size limit of 10000000</exceptionMessage>");
    const tooMany = await v1(`job/${job}/batch`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: `Name\n${Array.from({ length: 10_001 }, (_, i) => `n${i}`).join("\n")}\n` });
    const info = await waitBatch(job, /<id>(\w+)<\/id>/.exec(await tooMany.text())![1]);
    expect(info.state).toBe("Failed");
    const close = await v1(`job/${job}`, { method: "POST", headers: { "Content-Type": "application/xml" }, body: `<jobInfo xmlns="${NS}"><id>${job}</id><state>Closed</state></jobInfo>` });
    expect(await close.text()).toContain("<state>Closed</state>");
    const late = await v1(`job/${job}/batch`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: "Name\nlate\n" });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("<exceptionCode>InvalidJobState</exceptionCode>");
    const badField = await v1(`job/${await createJob({ operation: "insert", object: "Account", contentType: "CSV" })}/batch`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: "Nope__c\nx\n" });
    expect(badField.status).toBe(201);
  });

  it("processes serial jobs one batch at a time, in order, and aborting leaves queued batches NotProcessed", async () => {
    const serial = await createJob({ operation: "insert", object: "Account", contentType: "CSV", concurrencyMode: "Serial" });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const add = await v1(`job/${serial}/batch`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: `Name\nSerial ${i}\n` });
      ids.push(/<id>(\w+)<\/id>/.exec(await add.text())![1]);
    }
    const infos = await Promise.all(ids.map((id) => waitBatch(serial, id)));
    expect(infos.every((info) => info.state === "Completed")).toBe(true);
    const check = await fetch(`${emulator.url}/services/data/v62.0/query?q=${encodeURIComponent("SELECT Name FROM Account WHERE Name LIKE 'Serial%' ORDER BY Id")}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await check.json()) as { records: { Name: string }[] }).records.map((r) => r.Name)).toEqual(["Serial 0", "Serial 1", "Serial 2"]);

    await emulator.admin("POST", "faults", { slowBatchMs: 5_000 });
    const job = await createJob({ operation: "insert", object: "Account", contentType: "CSV" });
    const add = await v1(`job/${job}/batch`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: "Name\nNever\n" });
    const batch = /<id>(\w+)<\/id>/.exec(await add.text())![1];
    const abort = await v1(`job/${job}`, { method: "POST", headers: json, body: JSON.stringify({ state: "Aborted" }) });
    expect(field(await abort.text(), "state")).toBe("Aborted");
    await emulator.admin("POST", "faults/reset");
    expect((await waitBatch(job, batch)).state).toBe("NotProcessed");
  });
});

describe("daily batch allocation", () => {
  it("refuses batches beyond DailyBulkApiBatches with ExceededQuota and shows it in /limits", async () => {
    const small = await startTestEmulator({ limits: { dailyBulkApiBatches: 2 } });
    try {
      const login = await fetch(`${small.url}/services/oauth2/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "password", client_id: small.demo.oauthClientId, client_secret: small.demo.oauthClientSecret, username: small.demo.username, password: small.demo.password + small.demo.securityToken }),
      });
      const session = ((await login.json()) as { access_token: string }).access_token;
      const headers = { "X-SFDC-Session": session, "Content-Type": "application/json" };
      const job = (await (await fetch(`${small.url}/services/async/62.0/job`, { method: "POST", headers, body: JSON.stringify({ operation: "insert", object: "Account", contentType: "JSON" }) })).json()) as { id: string };
      const add = () => fetch(`${small.url}/services/async/62.0/job/${job.id}/batch`, { method: "POST", headers, body: '[{"Name":"Quota"}]' });
      expect((await add()).status).toBe(201);
      expect((await add()).status).toBe(201);
      const third = await add();
      expect(third.status).toBe(400);
      expect(((await third.json()) as { exceptionCode: string }).exceptionCode).toBe("ExceededQuota");
      const limits = (await (await fetch(`${small.url}/services/data/v62.0/limits`, { headers: { Authorization: `Bearer ${session}` } })).json()) as Record<string, { Max: number; Remaining: number }>;
      expect(limits.DailyBulkApiBatches).toEqual({ Max: 2, Remaining: 0 });
    } finally {
      await small.close();
    }
  });
});
