/**
 * The crash proof: a runner process is killed with SIGKILL mid-job (Bulk v1) and a new one finishes it;
 * the emulator's own counts show every batch submitted exactly once and every row stored once.
 */
import type { ChildProcess } from "node:child_process";
import type pg from "pg";
import type { MembershipContext } from "../../lib/auth";
import { ACCOUNT_COLUMNS, lineGroups } from "./account-csv";
import { figure, goal } from "./report";

export interface CrashSetup {
  ctx: MembershipContext;
  connectionId: string;
  emulatorUrl: string;
  adminSecret: string;
  emulatorDb: pg.Client;
  file: string;
  rows: number;
  /** Starts `pipeline.ts --worker`: a runner process as a server runs it. */
  startWorker(): ChildProcess;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function crashProof(s: CrashSetup): Promise<boolean> {
  const { createUpload, putUploadPart, completeUpload } = await import("../../lib/uploads/mutations");
  const { createJob } = await import("../../lib/bulk-jobs/service");
  const { getDb } = await import("../../lib/db");
  const db = getDb();
  const upload = await createUpload(s.ctx.teamId, s.ctx.user.id, { fileName: "crash.csv", columns: ACCOUNT_COLUMNS });
  let parts = 0;
  for await (const group of lineGroups(s.file, 4 * 1024 * 1024 - 1024)) await putUploadPart(s.ctx.teamId, upload.id, ++parts, group.text);
  await completeUpload(s.ctx.teamId, upload.id, { partCount: parts, rowCount: s.rows });
  const stats = async () =>
    ((await (await fetch(`${s.emulatorUrl}/__emulator/stats`, { headers: { Authorization: `Bearer ${s.adminSecret}` } })).json()) as { v1BatchesSubmitted: number }).v1BatchesSubmitted;
  const before = await stats();
  const { id } = await createJob(s.ctx, { orgConnectionId: s.connectionId, object: "Account", operation: "insert", api: "v1", uploadId: upload.id });
  const started = performance.now();
  const first = s.startWorker();
  while ((await db.bulkJob.findUniqueOrThrow({ where: { id } })).submittedRows < s.rows / 2) await sleep(50);
  first.kill("SIGKILL");
  const killedAt = (await db.bulkJob.findUniqueOrThrow({ where: { id } })).submittedRows;
  console.log(`crash: SIGKILL with ${killedAt.toLocaleString("en-US")} of ${s.rows.toLocaleString("en-US")} rows submitted; starting a new runner process`);
  const second = s.startWorker();
  let job = await db.bulkJob.findUniqueOrThrow({ where: { id } });
  while (!["completed", "failed", "aborted"].includes(job.state)) {
    await sleep(100);
    job = await db.bulkJob.findUniqueOrThrow({ where: { id } });
  }
  second.kill("SIGKILL");
  const submitted = (await stats()) - before;
  const held = await s.emulatorDb.query<{ n: string; d: string }>(
    "SELECT count(*) AS n, count(DISTINCT fields->>'External_Id__c') AS d FROM emulator.records WHERE object = 'Account'",
  );
  const [records, distinct] = [Number(held.rows[0].n), Number(held.rows[0].d)];
  const stored = await db.salesforceBatch.count({ where: { bulkJobId: id, submitState: "submitted", resultsStoredAt: { not: null } } });
  const expected = Math.ceil(s.rows / 10_000);
  const exact = submitted === expected && stored === expected && records === s.rows - job.failedRows && distinct === records;
  console.log(
    `crash: job ${job.state} in ${((performance.now() - started) / 1000).toFixed(1)} s (incl. the 10 s lease of the killed process); ` +
      `Salesforce saw ${submitted} batches (expected ${expected}), holds ${records} records (${distinct} distinct; ${job.failedRows} rows failed by design); ` +
      `results stored for ${stored} batches → ${exact ? "EXACTLY ONCE" : "MISMATCH"}`,
  );
  figure("crash-exactly-once", exact ? 1 : 0, "bool", { batches: submitted, records });
  goal("a runner killed with SIGKILL mid-job: every batch submitted once, every result stored", exact, `${submitted} of ${expected} batches submitted, ${records} records, ${stored} result sets`);
  return exact;
}
