/**
 * Throughput and ETA of a job from its batches' Salesforce timestamps, and the per-batch series the job
 * page charts. Pure: the caller passes "now", so the numbers are testable and the same on every render.
 */

export interface ProgressBatch {
  seq?: number;
  state: string;
  createdDate: Date | null;
  systemModstamp: Date | null;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  totalProcessingTime: number;
}

export interface ProgressInput {
  state: string;
  totalRows: number;
  processedRows: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  batches: readonly ProgressBatch[];
}

export interface JobProgress {
  /** Rows Salesforce has processed (failures included), the higher of our stored count and Salesforce's live counters. */
  processed: number;
  remaining: number;
  elapsedMs: number | null;
  recordsPerSecond: number | null;
  /** Only while the job runs, once there is enough history for the rate to mean something. */
  etaMs: number | null;
}

const RUNNING = new Set(["running", "queued", "paused"]);
/** Below this the rate is mostly noise (the first poll lands a few seconds after the first batch). */
const MIN_ELAPSED_MS = 2_000;

export function computeProgress(input: ProgressInput, now: Date): JobProgress {
  const live = input.batches.reduce((sum, b) => sum + b.numberRecordsProcessed, 0);
  const processed = Math.max(input.processedRows, live);
  const remaining = Math.max(0, input.totalRows - processed);
  const starts = input.batches.map((b) => b.createdDate?.getTime()).filter((t): t is number => t !== undefined);
  const start = starts.length ? Math.min(...starts) : input.startedAt?.getTime();
  const running = RUNNING.has(input.state);
  const ends = input.batches.map((b) => b.systemModstamp?.getTime()).filter((t): t is number => t !== undefined);
  // A finished job's clock stops at Salesforce's last change (or our finish), not at the time someone looks.
  const end = running ? now.getTime() : ends.length ? Math.max(...ends) : input.finishedAt?.getTime();
  if (start === undefined || end === undefined || end <= start) return { processed, remaining, elapsedMs: null, recordsPerSecond: null, etaMs: null };
  const elapsedMs = end - start;
  const recordsPerSecond = processed > 0 ? processed / (elapsedMs / 1000) : null;
  const meaningful = running && input.state !== "paused" && recordsPerSecond !== null && remaining > 0 && elapsedMs >= MIN_ELAPSED_MS;
  return { processed, remaining, elapsedMs, recordsPerSecond, etaMs: meaningful ? Math.round((remaining / recordsPerSecond) * 1000) : null };
}

export interface BatchTiming {
  label: string;
  ms: number;
  records: number;
  failed: number;
}

/** One point per batch Salesforce reported a processing time for, in submission order. */
export function batchTimings(batches: readonly ProgressBatch[]): BatchTiming[] {
  return batches
    .map((b, index) => ({ label: String((b.seq ?? index) + 1), ms: b.totalProcessingTime, records: b.numberRecordsProcessed, failed: b.numberRecordsFailed }))
    .filter((b) => b.ms > 0 || b.records > 0);
}

/** "1 h 5 min", "3 min 20 s", "12 s": the precision a person needs for an ETA. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatRate(recordsPerSecond: number): string {
  return `${recordsPerSecond >= 100 ? Math.round(recordsPerSecond).toLocaleString("en-US") : recordsPerSecond.toFixed(1)} records/s`;
}
