/** Runner timing and Salesforce size limits; tests shrink them, production keeps the defaults. */
export interface RunnerSettings {
  /**
   * A claimed job is someone else's to take over after this long without a heartbeat. A running step
   * beats every third of it, so a long upload keeps its job; a killed process frees its jobs this fast.
   */
  leaseMs: number;
  /** First poll delay; grows ×1.5 per poll up to maxPollMs (Data Loader polls at 5 s; long jobs need less). */
  pollMs: number;
  maxPollMs: number;
  /** Delay before retrying a step after a passing failure (5xx, dropped connection). */
  retryMs: number;
  /** How long a job pauses after REQUEST_LIMIT_EXCEEDED before it tries again. */
  pauseMs: number;
  /** An unconfirmed create is reconciled only after this long, so a slow request cannot race the check. */
  reconcileGraceMs: number;
  /** First delay before re-reading after a 5xx or dropped connection (doubles per try, 3 tries). */
  readRetryDelayMs: number;
  /** Share of the daily API quota (Sforce-Limit-Info) above which no new Salesforce job or batch is created. */
  quotaPauseAt: number;
  /** Jobs stepped at once per runner. */
  concurrency: number;
  /** Sleep of the in-process loop when nothing is due. */
  idleMs: number;
  v1MaxRecords: number;
  v1MaxBytes: number;
  v2MaxBytes: number;
}

export const DEFAULT_SETTINGS: RunnerSettings = {
  leaseMs: 60_000,
  pollMs: 5_000,
  maxPollMs: 60_000,
  retryMs: 5_000,
  pauseMs: 15 * 60_000,
  reconcileGraceMs: 5_000,
  readRetryDelayMs: 500,
  quotaPauseAt: 0.9,
  concurrency: 4,
  idleMs: 1_000,
  v1MaxRecords: 10_000,
  v1MaxBytes: 10_000_000,
  // Salesforce takes up to 100 MB per Bulk API 2.0 job, but a step holds its job's rows and results in
  // memory: at 100 MB the runner peaked near 2 GB (npm run bench, 1M rows); 10 MB keeps it bounded, and
  // the extra jobs are all submitted before the first poll, so Salesforce still runs them side by side.
  v2MaxBytes: 10_000_000,
};
