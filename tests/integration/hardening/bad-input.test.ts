/**
 * The bad-input corpus (tests/fixtures/bad-input) sent through the real route handlers, server action and
 * sign-in check, with a real database and the emulator: every refusal is a 4xx in our error envelope with a
 * message a person can act on, never a 500 or a stack trace, and nothing already stored is lost.
 */
import "../bulk-jobs/next-globals";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../lib/db";
import { createConnection } from "../../../lib/orgs/mutations";
import { readUploadRows } from "../../../lib/uploads/data";
import { createUpload, putUploadPart } from "../../../lib/uploads/mutations";
import { CASES, type BadInputCase, type Payload, type Refusal } from "../../fixtures/bad-input/cases";
import { generators } from "../../fixtures/bad-input/generate";
import { callRoute, sessionCookie } from "../bulk-jobs/next-request";
import { createHarness, type Harness } from "../jobs/harness";
import { expectRefusal, expectSafeText, routeCaller, type Caller } from "../../support/hardening-routes";

process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64");
process.env.NEXTAUTH_URL = "http://localhost";

const FIXTURES = resolve(__dirname, "../../fixtures/bad-input");
const HEADER = ["Name", "External_Id__c", "Note"];

function bytesOf(payload: Payload, fill: (value: unknown) => unknown): Buffer {
  if ("file" in payload) return readFileSync(resolve(FIXTURES, payload.file));
  if ("generate" in payload) return generators[payload.generate]();
  if ("text" in payload) return Buffer.from(payload.text);
  return Buffer.from(JSON.stringify(fill(payload.json)));
}

describe("bad-input corpus", () => {
  let h: Harness;
  let call: Caller;
  const ids: Record<string, string> = {};
  const accepted = new Map<string, string>();
  const fill = (value: unknown): unknown => {
    if (typeof value === "string" && value.startsWith("$")) return ids[value.slice(1)] ?? value;
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };

  beforeAll(async () => {
    h = await createHarness();
    const db = getDb();
    call = routeCaller(await sessionCookie(h.ctx.user.id));
    const other = await db.team.create({ data: { name: "Other team" } });
    ids.owner = h.ctx.user.email;
    ids.emulator = h.emulator.url;
    ids.connection = h.connectionId;
    ids.upload = await h.upload([HEADER, ["Acme", "ok-1", "one"], ["Globex", "ok-2", "two"]]);
    ids.openUpload = (await createUpload(h.ctx.teamId, h.ctx.user.id, { fileName: "open.csv", columns: HEADER })).id;
    await putUploadPart(h.ctx.teamId, ids.openUpload, 1, Buffer.from("Acme,open-1,x\n"));
    ids.otherUpload = (await createUpload(other.id, null, { fileName: "theirs.csv", columns: HEADER })).id;
    ids.otherJob = (await db.bulkJob.create({ data: { teamId: other.id, object: "Account", operation: "insert", api: "v2", state: "completed" } })).id;
    const { url, demo } = h.emulator;
    ids.otherConnection = await createConnection(
      { teamId: other.id, label: "Theirs", method: "soap", loginUrl: url, instanceUrl: url, sfOrgId: demo.orgId, sfUserId: demo.userId, sfUsername: demo.username, isSandbox: false, apiVersion: "62.0", clientId: null, createdById: h.ctx.user.id },
      { password: demo.password, securityToken: demo.securityToken },
    );
  });
  afterAll(() => h?.close());

  async function sendCsvFile(c: Extract<BadInputCase, { to: "csv-file" }>) {
    const bytes = bytesOf(c.payload, fill);
    let columns = c.columns;
    let rest = bytes;
    if (!columns) {
      // As the browser does: the header row is parsed client-side, the data rows go up as they are.
      const newline = bytes.indexOf(0x0a);
      const header = (newline === -1 ? bytes : bytes.subarray(0, newline)).toString("utf8").replace(/^\uFEFF/, "").replace(/\r$/, "");
      columns = header ? Papa.parse<string[]>(header).data[0] : [];
      rest = newline === -1 ? Buffer.alloc(0) : bytes.subarray(newline + 1);
    }
    const created = await call.json("upload-create", { fileName: `${c.name}.csv`, columns, byteSize: bytes.length });
    if (created.status !== 201) return { step: "create", response: created };
    const { id } = (await created.clone().json()) as { id: string };
    if (rest.length) {
      const part = await call.part(id, "1", rest);
      if (part.status !== 201) return { step: "part", response: part };
    }
    return { step: "complete", response: await call.json("upload-complete", { partCount: rest.length ? 1 : 0 }, { id }), id };
  }

  async function refusalOf(c: BadInputCase): Promise<Response | null> {
    switch (c.to) {
      case "upload-create":
        return call.raw("upload-create", bytesOf(c.payload, fill), {}, c.contentType);
      case "upload-part":
        return call.part(String(fill(c.upload)), c.part, bytesOf(c.payload, fill), c.contentType);
      case "upload-complete":
        return call.raw("upload-complete", bytesOf(c.payload, fill), { id: String(fill(c.upload)) });
      case "job-create":
        return call.raw("job-create", bytesOf(c.payload, fill), {});
      case "route-id":
        return call.route(c.route, String(fill(c.id)), c.kind);
      default:
        return null;
    }
  }

  const of = <T extends BadInputCase["to"]>(to: T) => CASES.filter((c): c is Extract<BadInputCase, { to: T }> => c.to === to);

  it("holds at least 40 cases with unique names", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(of("csv-file").map((c) => [c.name, c] as const))("CSV file: %s", async (_name, c) => {
    const { step, response, id } = await sendCsvFile(c);
    if ("rows" in c.expect) {
      const text = await response.text();
      expect([step, response.status], text).toEqual(["complete", 200]);
      expect((JSON.parse(text) as { rowCount: number }).rowCount).toBe(c.expect.rows);
      accepted.set(c.name, id!);
      if (c.expect.notes) {
        const notes: string[] = [];
        for await (const row of readUploadRows(id!)) notes.push(row.values[2]);
        expect(notes).toEqual(c.expect.notes);
      }
      return;
    }
    expect(step).toBe(c.expect.step);
    await expectRefusal(response, c.expect);
  });

  it.each(CASES.filter((c) => ["upload-create", "upload-part", "upload-complete", "route-id"].includes(c.to)).map((c) => [c.to, c.name, c] as const))(
    "%s: %s",
    async (_to, _name, c) => {
      const uploadsBefore = await getDb().upload.count();
      const response = (await refusalOf(c))!;
      if (c.to === "upload-create" && "fileName" in c.expect) {
        const text = await response.text();
        expect(response.status, text).toBe(201);
        expect((JSON.parse(text) as { fileName: string }).fileName).toBe(c.expect.fileName);
        return;
      }
      await expectRefusal(response, c.expect as Refusal);
      expect(await getDb().upload.count()).toBe(uploadsBefore);
    },
  );

  it("refused job requests create no job and leave their upload intact", async () => {
    const jobsBefore = await getDb().bulkJob.count({ where: { teamId: h.ctx.teamId } });
    for (const c of of("job-create")) {
      const response = (await refusalOf(c))!;
      await expectRefusal(response, c.expect, c.name);
    }
    expect(await getDb().bulkJob.count({ where: { teamId: h.ctx.teamId } })).toBe(jobsBefore);
    const upload = await getDb().upload.findUniqueOrThrow({ where: { id: ids.upload } });
    expect([upload.state, upload.rowCount]).toEqual(["complete", 2]);
    const open = await getDb().upload.findUniqueOrThrow({ where: { id: ids.openUpload }, include: { parts: true } });
    expect([open.state, open.parts.length]).toEqual(["open", 1]);
    const ok = await call.json("job-create", { orgConnectionId: ids.connection, object: "Account", operation: "insert", uploadId: ids.upload });
    expect(ok.status).toBe(201);
  });

  it.each(of("job-soql").map((c) => [c.name, c] as const))("SOQL: %s fails the job with Salesforce's words", async (_name, c) => {
    const created = await call.json("job-create", { orgConnectionId: ids.connection, object: "Account", operation: "query", soql: c.soql });
    expect(created.status).toBe(201);
    const job = await h.settle(((await created.json()) as { id: string }).id);
    expect(job.state).toBe(c.expect.state);
    expect(job.stateMessage).toMatch(c.expect.message);
    expectSafeText(job.stateMessage ?? "");
  });

  it.each(of("org-connect").map((c) => [c.name, c] as const))("org connection: %s", async (_name, c) => {
    const { passwordConnectAction } = await import("../../../lib/orgs/actions");
    const form = new FormData();
    const fields = { label: "Bad input", environment: "production", customHost: "", username: h.emulator.demo.username, password: h.emulator.demo.password, securityToken: h.emulator.demo.securityToken, ...c.form };
    for (const [key, value] of Object.entries(fields)) form.set(key, String(fill(value)));
    const before = await getDb().orgConnection.count();
    const request = new Request("http://localhost/orgs/new", { method: "POST", headers: { cookie: call.cookie } });
    const state = await callRoute(async () => Response.json(await passwordConnectAction({}, form)), request, {}).then((r) => r.json() as Promise<{ ok: boolean; message: string }>);
    expect(state.ok).toBe(false);
    expect(state.message).toMatch(c.expect.message);
    expectSafeText(JSON.stringify(state));
    expect(await getDb().orgConnection.count()).toBe(before);
  });

  it.each(of("sign-in").map((c) => [c.name, c] as const))("sign-in: %s", async (_name, c) => {
    const { verifyCredentials } = await import("../../../lib/teams/sign-in");
    const { toAppError } = await import("../../../lib/http");
    const error = toAppError(await verifyCredentials(fill(c.input), { ip: null, userAgent: null }).then(() => null, (e: unknown) => e));
    expect([error.status, error.code]).toEqual([c.expect.status, c.expect.code]);
    expect(error.message).toMatch(c.expect.message);
  });

  it("stores formulas as data and escapes them in the download", async () => {
    const uploadId = accepted.get("formulas are data");
    expect(uploadId).toBeTruthy();
    const created = await call.json("job-create", { orgConnectionId: ids.connection, object: "Account", operation: "insert", uploadId, columnMapping: { columns: { Name: "Name", External_Id__c: "External_Id__c" } } });
    const jobId = ((await created.json()) as { id: string }).id;
    expect((await h.settle(jobId)).state).toBe("completed");
    const download = await call.route("results", jobId, "successes");
    const rows = Papa.parse<string[]>(await download.text(), { skipEmptyLines: true }).data;
    const note = rows[0].indexOf("Note");
    expect(rows.slice(1).map((r) => r[note])).toEqual(['\'=HYPERLINK("http://evil.example/","click")', "'+1+2", "'-3", "'@SUM(A1)"]);
  });

  it("an upload refused at part 3 keeps parts 1 and 2 and continues once part 3 is fixed", async () => {
    const created = await call.json("upload-create", { fileName: "resume.csv", columns: HEADER });
    const { id } = (await created.json()) as { id: string };
    expect((await call.part(id, "1", Buffer.from("A,r-1,x\nB,r-2,x\n"))).status).toBe(201);
    expect((await call.part(id, "2", Buffer.from("C,r-3,x\n"))).status).toBe(201);
    await expectRefusal(await call.part(id, "3", Buffer.from("D,r-4\n")), { status: 400, code: "VALIDATION", message: /Part 3, row 1: 2 fields where the header has 3/ });
    await expectRefusal(await call.json("upload-complete", { partCount: 3 }, { id }), { status: 400, code: "VALIDATION", message: /Parts missing: 3\./ });
    expect((await call.part(id, "3", Buffer.from("D,r-4,x\r\n"))).status).toBe(201);
    const done = await call.json("upload-complete", { partCount: 3, rowCount: 4 }, { id });
    expect(done.status).toBe(200);
    const names: string[] = [];
    for await (const row of readUploadRows(id)) names.push(`${row.row}:${row.values[0]}`);
    expect(names).toEqual(["1:A", "2:B", "3:C", "4:D"]);
  });
});
