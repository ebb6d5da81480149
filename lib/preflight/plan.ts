/**
 * What a job will create and roughly how many API calls it will use, from the same limits and
 * polling schedule as the runner (lib/jobs/settings.ts defaults): v1 batches of ≤ 10,000 records
 * and ≤ 10 MB, v2 jobs of ≤ 10 MB, polls every 5 s growing ×1.5 up to once a minute.
 */
import type { BulkOperationName } from "./object-info";

interface PlanInput {
  rows: number;
  /** Size of the CSV sent to Salesforce (the mapped columns), in bytes. */
  bytes: number;
  api: "v1" | "v2";
  operation: BulkOperationName;
  /** v1 only: records per batch, at most 10,000. */
  batchSize?: number;
}

export interface JobPlan {
  /** Bulk jobs created in Salesforce. */
  salesforceJobs: number;
  /** v1: batches created. v2: batches counted against the shared daily allocation (one per 10,000 records). */
  batches: number;
  /** Estimated API requests, counting every create, upload, close, poll and result download. */
  apiCalls: number;
  notes: string[];
}

const V1_MAX_RECORDS = 10_000;
const V1_MAX_BYTES = 10_000_000;
/** The runner's own cut (lib/jobs/settings.ts), not Salesforce's 100 MB ceiling. */
const V2_MAX_BYTES = 10_000_000;
const V2_RECORDS_PER_ALLOCATION_BATCH = 10_000;

const FIRST_POLL_S = 5;
const MAX_POLL_S = 60;
/** An assumption, not a measurement of the org: triggers, flows and lock retries make real orgs slower. */
const ASSUMED_RECORDS_PER_S = 2_000;

/** Polls the runner makes while Salesforce works for `seconds`: the first after 5 s, each wait 1.5× longer, capped at 60 s. */
export function pollsFor(seconds: number): number {
  let waited = 0;
  let polls = 0;
  let delay = FIRST_POLL_S;
  do {
    waited += delay;
    polls += 1;
    delay = Math.min(MAX_POLL_S, delay * 1.5);
  } while (waited < seconds);
  return polls;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);
const count = (n: number) => n.toLocaleString("en-US");

function assertCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number, got ${value}`);
}

function planIngest(input: PlanInput, notes: string[]): JobPlan {
  const { rows, bytes } = input;
  const polls = pollsFor(rows / ASSUMED_RECORDS_PER_S);
  const pollNote = `Polls are estimated for about ${count(ASSUMED_RECORDS_PER_S)} records a second; a slower org polls more, at most once a minute per job.`;
  if (input.api === "v1") {
    const size = Math.max(1, Math.min(Math.floor(input.batchSize ?? V1_MAX_RECORDS), V1_MAX_RECORDS));
    const batches = Math.max(ceilDiv(rows, size), ceilDiv(bytes, V1_MAX_BYTES));
    notes.push(`Batches of at most ${count(size)} records and 10 MB${ceilDiv(bytes, V1_MAX_BYTES) > ceilDiv(rows, size) ? " (size decides here: rows are cut when a batch reaches 10 MB, so there may be one more)" : ""}.`);
    notes.push("API calls: 1 to create the job, 1 per batch upload, 1 to close, 1 per poll (one poll lists every batch), 1 per batch for its results.");
    notes.push(pollNote);
    return { salesforceJobs: 1, batches, apiCalls: 1 + batches + 1 + polls + batches, notes };
  }
  const jobs = Math.max(1, ceilDiv(bytes, V2_MAX_BYTES));
  const batches = Math.max(jobs, ceilDiv(rows, V2_RECORDS_PER_ALLOCATION_BATCH));
  if (jobs > 1) notes.push(`The file is split into ${jobs} Bulk API 2.0 jobs of at most 10 MB each (this app's cut, which bounds the server's memory).`);
  notes.push("Bulk API 2.0 counts one batch of the shared daily allocation (15,000) per 10,000 records.");
  notes.push("API calls: per job 1 create, 1 upload, 1 close, 3 result downloads (successes, failures, unprocessed), and 1 per poll.");
  notes.push(pollNote);
  return { salesforceJobs: jobs, batches, apiCalls: jobs * (6 + polls), notes };
}

function planQuery(input: PlanInput, notes: string[]): JobPlan {
  const polls = pollsFor(input.rows / ASSUMED_RECORDS_PER_S);
  notes.push("The row count of a query is known only when it finishes; polls are estimated from the expected rows.");
  if (input.api === "v1") {
    notes.push("API calls: 1 create, 1 batch, 1 close, 1 per poll, then per batch 1 to list result files and 1 per file. PK chunking adds a batch per chunk.");
    return { salesforceJobs: 1, batches: 1, apiCalls: 3 + polls + 2, notes };
  }
  notes.push("Query jobs use no batch allocation; they count against 10,000 Bulk API 2.0 query jobs a day.");
  notes.push("API calls: 1 create, 1 per poll, and 1 per results page (a large result has several pages).");
  return { salesforceJobs: 1, batches: 0, apiCalls: 1 + polls + 1, notes };
}

export function planJob(input: PlanInput): JobPlan {
  assertCount("rows", input.rows);
  assertCount("bytes", input.bytes);
  const notes: string[] = ["Logins and token refreshes are not counted."];
  if (input.operation === "query" || input.operation === "queryAll") return planQuery(input, notes);
  if (input.rows === 0) return { salesforceJobs: 0, batches: 0, apiCalls: 0, notes: ["The file has no rows, so nothing is sent."] };
  return planIngest(input, notes);
}
