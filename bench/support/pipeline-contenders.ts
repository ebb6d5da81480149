/**
 * What each end-to-end contender does, run in a child process of its own so its peak RSS is its own.
 * Contenders read their settings from the environment the orchestrator (bench/pipeline.ts) passes.
 */
import { createReadStream } from "node:fs";
import jsforce from "jsforce";
import { ACCOUNT_COLUMNS, lineGroups } from "./account-csv";
import { ownPeakRssMb } from "./memory";
import { rawV1, rawV2 } from "./raw-bulk";

export type Contender = "ours" | "jsforce" | "raw";
export type Api = "v1" | "v2";

export interface ContenderResult {
  seconds: number;
  processed: number;
  failed: number;
  peakMb: number;
  /** V8 heap (total) and off-heap (external) memory at the sampled RSS peak: retention or lazy GC? */
  heapAtPeakMb: number;
  externalAtPeakMb: number;
  /** Ours only: the upload through the uploads layer and the merged result downloads, timed apart. */
  uploadSeconds?: number;
  downloadSeconds?: number;
  downloadRows?: number;
  /** Ours only: the process's peak RSS when the upload was complete, and when the job was complete (before the downloads). */
  peakAfterUploadMb?: number;
  peakAfterJobMb?: number;
}

type Outcome = Omit<ContenderResult, "peakMb" | "heapAtPeakMb" | "externalAtPeakMb">;

/** jsforce's default poll interval; our runner polls at the same pace in this benchmark. */
export const POLL_MS = 1_000;
const PART_BYTES = 4 * 1024 * 1024 - 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const env = (name: string) => process.env[name] ?? "";

async function ours(api: Api, file: string): Promise<Outcome> {
  const { createUpload, putUploadPart, completeUpload } = await import("../../lib/uploads/mutations");
  const { createJob } = await import("../../lib/bulk-jobs/service");
  const { loadResultDownload } = await import("../../lib/bulk-jobs/loaders");
  const { createRunner, orgConnectionPort } = await import("../../lib/jobs");
  const { getDb } = await import("../../lib/db");
  const [teamId, userId, connectionId] = [env("BENCH_TEAM"), env("BENCH_USER"), env("BENCH_CONNECTION")];
  const ctx = { user: { id: userId, email: "bench@example.com", name: null, sessionVersion: 0, currentTeamId: teamId }, teamId, role: "owner" as const };
  const started = performance.now();
  // The browser's part of the pipeline: header as columns, rows in parts of at most 4 MB cut on row boundaries.
  const upload = await createUpload(teamId, userId, { fileName: "accounts.csv", columns: ACCOUNT_COLUMNS });
  let parts = 0;
  let rows = 0;
  for await (const group of lineGroups(file, PART_BYTES)) {
    await putUploadPart(teamId, upload.id, ++parts, group.text);
    rows += group.lines;
  }
  await completeUpload(teamId, upload.id, { partCount: parts, rowCount: rows });
  const uploadSeconds = (performance.now() - started) / 1000;
  const peakAfterUploadMb = ownPeakRssMb();
  const runner = createRunner({ portFor: orgConnectionPort, settings: { pollMs: POLL_MS, maxPollMs: POLL_MS } });
  runner.start();
  const { id } = await createJob(ctx, { orgConnectionId: connectionId, object: "Account", operation: "insert", api, uploadId: upload.id });
  let job = await getDb().bulkJob.findUniqueOrThrow({ where: { id } });
  while (!["completed", "failed", "aborted"].includes(job.state)) {
    await sleep(100);
    job = await getDb().bulkJob.findUniqueOrThrow({ where: { id } });
  }
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  if (job.state !== "completed") throw new Error(`our job ended ${job.state}: ${job.stateMessage}`);
  const peakAfterJobMb = ownPeakRssMb();
  const downloadStart = performance.now();
  let downloadRows = 0;
  for (const kind of ["successes", "failures"] as const) {
    // Streamed and counted, never held: a client saving the file to disk does the same.
    for await (const chunk of (await loadResultDownload(ctx, id, kind)).body as unknown as AsyncIterable<Uint8Array>) {
      for (const byte of chunk) if (byte === 10) downloadRows += 1;
    }
    downloadRows -= 1; // the header line
  }
  await getDb().$disconnect();
  return { seconds, processed: job.processedRows, failed: job.failedRows, uploadSeconds, downloadSeconds: (performance.now() - downloadStart) / 1000, downloadRows, peakAfterUploadMb, peakAfterJobMb };
}

async function viaJsforce(api: Api, file: string): Promise<Outcome> {
  const conn = new jsforce.Connection({ loginUrl: env("BENCH_EMULATOR_URL"), version: "62.0" });
  await conn.login(env("BENCH_USERNAME"), env("BENCH_PASSWORD"));
  const started = performance.now();
  if (api === "v2") {
    // As jsforce's documentation shows: one call, the CSV as a stream, results held in memory.
    const results = await conn.bulk2.loadAndWaitForResults({ object: "Account", operation: "insert", input: createReadStream(file), pollInterval: POLL_MS, pollTimeout: 3_600_000 });
    const failed = results.failedResults.length + results.unprocessedRecords.length;
    return { seconds: (performance.now() - started) / 1000, processed: results.successfulResults.length + results.failedResults.length, failed };
  }
  // Bulk v1 in batches of 10,000 (the API's limit): one job, a batch per chunk polled as bulk.load polls it.
  conn.bulk.pollInterval = POLL_MS;
  conn.bulk.pollTimeout = 3_600_000;
  const job = conn.bulk.createJob("Account", "insert");
  const header = `${ACCOUNT_COLUMNS.join(",")}\n`;
  const pending: Promise<{ success: boolean }[]>[] = [];
  for await (const group of lineGroups(file, 10_000_000, 10_000)) {
    const batch = job.createBatch();
    batch.on("queue", () => batch.poll(conn.bulk.pollInterval, conn.bulk.pollTimeout));
    pending.push(
      new Promise((resolve, reject) => {
        batch.on("response", (results) => resolve(results as { success: boolean }[]));
        batch.on("error", reject);
      }),
    );
    batch.execute(header + group.text.toString("utf8"));
  }
  const results = (await Promise.all(pending)).flat();
  await job.close();
  return { seconds: (performance.now() - started) / 1000, processed: results.length, failed: results.filter((r) => !r.success).length };
}

async function raw(api: Api, file: string): Promise<Outcome> {
  const credentials = {
    url: env("BENCH_EMULATOR_URL"),
    username: env("BENCH_USERNAME"),
    password: env("BENCH_PASSWORD"),
    clientId: env("BENCH_CLIENT_ID"),
    clientSecret: env("BENCH_CLIENT_SECRET"),
  };
  const started = performance.now();
  const result = api === "v2" ? await rawV2(credentials, file) : await rawV1(credentials, file);
  return { seconds: (performance.now() - started) / 1000, ...result };
}

/** Runs one contender and prints its result as the last line of stdout. */
export async function runContender(contender: Contender, api: Api, file: string): Promise<void> {
  const run = contender === "ours" ? ours : contender === "jsforce" ? viaJsforce : raw;
  let sampled = process.memoryUsage();
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > sampled.rss) sampled = now;
  }, 50);
  const outcome = await run(api, file);
  clearInterval(sampler);
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  const result: ContenderResult = { ...outcome, peakMb: ownPeakRssMb(), heapAtPeakMb: mb(sampled.heapTotal), externalAtPeakMb: mb(sampled.external) };
  console.log(`CONTENDER ${JSON.stringify(result)}`);
}
