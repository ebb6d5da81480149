/**
 * The floor: the emulator's own processing rate, seen through the thinnest possible client (plain
 * fetch, no parsing beyond what is needed, no results fetched). Bulk 2.0 takes the whole file in one
 * upload; Bulk v1 takes batches of 10,000 rows posted back to back.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { ACCOUNT_COLUMNS, lineGroups } from "./account-csv";

export interface RawCredentials {
  url: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function login(c: RawCredentials): Promise<string> {
  const body = new URLSearchParams({ grant_type: "password", client_id: c.clientId, client_secret: c.clientSecret, username: c.username, password: c.password });
  const response = await fetch(`${c.url}/services/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Bulk 2.0: returns processed and failed counts once the job is complete. */
export async function rawV2(c: RawCredentials, file: string): Promise<{ processed: number; failed: number }> {
  const token = await login(c);
  const base = `${c.url}/services/data/v62.0/jobs/ingest`;
  const json = { Authorization: `Bearer ${token}`, "content-type": "application/json" };
  const job = (await (await fetch(base, { method: "POST", headers: json, body: JSON.stringify({ object: "Account", operation: "insert" }) })).json()) as { id: string };
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  const put = await fetch(`${base}/${job.id}/batches`, { method: "PUT", headers: { ...json, "content-type": "text/csv" }, body, duplex: "half" } as RequestInit);
  if (!put.ok) throw new Error(`upload: ${put.status} ${await put.text()}`);
  await fetch(`${base}/${job.id}`, { method: "PATCH", headers: json, body: JSON.stringify({ state: "UploadComplete" }) });
  for (;;) {
    const info = (await (await fetch(`${base}/${job.id}`, { headers: json })).json()) as { state: string; numberRecordsProcessed: number; numberRecordsFailed: number };
    if (info.state === "JobComplete") return { processed: info.numberRecordsProcessed, failed: info.numberRecordsFailed };
    if (info.state === "Failed" || info.state === "Aborted") throw new Error(`raw v2 job ${info.state}`);
    await sleep(200);
  }
}

/** Bulk v1: one job, a batch per 10,000 rows; returns processed and failed counts once every batch is done. */
export async function rawV1(c: RawCredentials, file: string): Promise<{ processed: number; failed: number }> {
  const token = await login(c);
  const base = `${c.url}/services/async/62.0/job`;
  const headers = { "X-SFDC-Session": token };
  const created = await (await fetch(base, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ operation: "insert", object: "Account", contentType: "CSV" }) })).text();
  const job = /<id>(\w+)<\/id>/.exec(created)?.[1];
  if (!job) throw new Error(`raw v1 job: ${created}`);
  const header = Buffer.from(`${ACCOUNT_COLUMNS.join(",")}\n`);
  for await (const group of lineGroups(file, 10_000_000, 10_000)) {
    const response = await fetch(`${base}/${job}/batch`, { method: "POST", headers: { ...headers, "content-type": "text/csv" }, body: Buffer.concat([header, group.text]) });
    if (response.status !== 201) throw new Error(`raw v1 batch: ${await response.text()}`);
  }
  await fetch(`${base}/${job}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ state: "Closed" }) });
  for (;;) {
    const info = await (await fetch(`${base}/${job}`, { headers })).text();
    const count = (name: string) => Number(new RegExp(`<${name}>(\\d+)<`).exec(info)?.[1] ?? 0);
    if (count("numberBatchesCompleted") + count("numberBatchesFailed") === count("numberBatchesTotal")) {
      return { processed: count("numberRecordsProcessed"), failed: count("numberRecordsFailed") };
    }
    await sleep(200);
  }
}
