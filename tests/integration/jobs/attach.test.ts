/**
 * Jobs made outside the app: created straight through the client library against the emulator, listed
 * from Salesforce, attached, and watched by the runner to the end with their batches and results stored.
 */
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachExternalJob, loadExternalJobs } from "../../../lib/bulk-jobs/attach";
import { loadBulkJob, loadResultDownload } from "../../../lib/bulk-jobs/loaders";
import { getDb } from "../../../lib/db";
import { getSalesforceClient } from "../../../lib/orgs";
import type { SalesforceClient } from "../../../lib/salesforce";
import { createHarness, readStream, type Harness } from "./harness";

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe("attaching jobs made outside the app", () => {
  let h: Harness;
  let client: SalesforceClient;
  beforeAll(async () => {
    h = await createHarness();
    client = await getSalesforceClient(h.ctx.teamId, h.connectionId);
  });
  afterAll(() => h?.close());

  const download = async (jobId: string, kind: string) => parse(await readStream((await loadResultDownload(h.ctx, jobId, kind)).body));

  it("watches a v1 (Classic) job: finds its batches, stores every batch's results, never submits anything", async () => {
    const sfJob = await client.bulkV1.createJob("insert", "Account", { contentType: "CSV" });
    await client.bulkV1.createBatch(sfJob.id, "Name,Description\nOutside 1,a\n,missing name\nOutside 3,c\n");
    await client.bulkV1.createBatch(sfJob.id, "Name,Description\nOutside 4,d\nOutside 5,e\n");
    const listed = await loadExternalJobs(h.ctx, h.connectionId);
    expect(listed.find((job) => job.id === sfJob.id)).toMatchObject({ jobType: "Classic", object: "Account", operation: "insert", state: "Open", watchedJobId: null });

    const { id } = await attachExternalJob(h.ctx, h.connectionId, { sfJobId: sfJob.id, jobType: "Classic" });
    await expect(attachExternalJob(h.ctx, h.connectionId, { sfJobId: sfJob.id, jobType: "Classic" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await loadExternalJobs(h.ctx, h.connectionId)).find((job) => job.id === sfJob.id)?.watchedJobId).toBe(id);

    // While the outside job stays Open the runner keeps watching; closing it (outside) lets the job finish.
    const runner = h.runner();
    for (let i = 0; i < 5; i += 1) await runner.runOnce().then(() => new Promise((r) => setTimeout(r, 40)));
    expect((await getDb().bulkJob.findUniqueOrThrow({ where: { id } })).state).toBe("running");
    await client.bulkV1.closeJob(sfJob.id);
    const done = await h.settle(id, runner);
    expect(done).toMatchObject({ state: "completed", origin: "attached", totalRows: 5, processedRows: 5, failedRows: 1, sfJobState: "Closed" });

    const job = await loadBulkJob(h.ctx, id);
    expect(job.batches).toHaveLength(2);
    for (const batch of job.batches) expect(batch).toMatchObject({ state: "Completed", resultsStored: true, jobId: sfJob.id });
    expect(job.batches.map((b) => b.numberRecordsProcessed).sort()).toEqual([2, 3]);
    const failures = await download(id, "failures");
    expect(failures[0]).toEqual(["sf__Row", "sf__Id", "sf__Error"]);
    expect(failures).toHaveLength(2);
    expect(failures[1][2]).toContain("REQUIRED_FIELD_MISSING");
    expect((await download(id, "successes")).slice(1).map((row) => row[1]).every((sfId) => /^001/.test(sfId))).toBe(true);
    // Nothing new at Salesforce: still the one job with its two batches.
    expect(await client.bulkV1.listBatches(sfJob.id)).toHaveLength(2);
    expect(await h.sfCount("Account", "fields->>'Name' LIKE 'Outside %'")).toBe(4);
  }, 60_000);

  it("watches Bulk 2.0 ingest and query jobs and stores the results Salesforce still has", async () => {
    const ingest = await client.bulkV2.createIngestJobWithData({ object: "Account", operation: "insert", lineEnding: "LF" }, "Name,Description\nV2 out 1,x\n,bad\n");
    const query = await client.bulkV2.createQueryJob("SELECT Id, Name FROM Account WHERE Name LIKE 'Outside%'", { lineEnding: "LF" });
    const listed = await loadExternalJobs(h.ctx, h.connectionId);
    expect(listed.find((job) => job.id === ingest.id)?.jobType).toBe("V2Ingest");
    expect(listed.find((job) => job.id === query.id)?.jobType).toBe("V2Query");

    const ingestJob = await attachExternalJob(h.ctx, h.connectionId, { sfJobId: ingest.id, jobType: "V2Ingest" });
    const queryJob = await attachExternalJob(h.ctx, h.connectionId, { sfJobId: query.id, jobType: "V2Query" });
    const runner = h.runner();
    expect(await h.settle(ingestJob.id, runner)).toMatchObject({ state: "completed", api: "v2", totalRows: 2, processedRows: 2, failedRows: 1 });
    const failures = await download(ingestJob.id, "failures");
    expect(failures[0]).toEqual(expect.arrayContaining(["sf__Id", "sf__Error", "Name"]));
    expect(failures).toHaveLength(2);
    expect((await download(ingestJob.id, "successes")).slice(1)).toHaveLength(1);
    const batch = (await loadBulkJob(h.ctx, ingestJob.id)).batches[0];
    expect(batch).toMatchObject({ state: "JobComplete", numberRecordsProcessed: 2, numberRecordsFailed: 1, resultsStored: true });

    expect(await h.settle(queryJob.id, runner)).toMatchObject({ state: "completed", processedRows: 4 });
    const rows = await download(queryJob.id, "query");
    expect(rows[0]).toEqual(["Id", "Name"]);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(["Outside 1", "Outside 3", "Outside 4", "Outside 5"]);
  }, 60_000);

  it("says clearly when Salesforce no longer has the job", async () => {
    const ingest = await client.bulkV2.createIngestJobWithData({ object: "Account", operation: "insert", lineEnding: "LF" }, "Name\nGone 1\n");
    const { id } = await attachExternalJob(h.ctx, h.connectionId, { sfJobId: ingest.id, jobType: "V2Ingest" });
    // Let Salesforce finish, then delete the job there (as the 7-day purge would) before the runner fetches results.
    for (let i = 0; i < 100 && (await client.bulkV2.getJob("ingest", ingest.id)).state !== "JobComplete"; i += 1) await new Promise((r) => setTimeout(r, 30));
    await client.bulkV2.deleteJob("ingest", ingest.id);
    const done = await h.settle(id);
    expect(done.state).toBe("failed");
    expect(done.stateMessage).toBe(`Salesforce no longer has job ${ingest.id} (deleted, or past its 7-day retention); what was stored before is kept.`);
    const events = await getDb().bulkJobEvent.findMany({ where: { bulkJobId: id }, select: { type: true } });
    expect(events.map((e) => e.type)).toEqual(["attached", "results_missing", "failed"]);
  }, 60_000);
});
