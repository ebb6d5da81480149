import { describe, expect, it } from "vitest";
import { batchTimings, computeProgress, formatDuration, formatRate, type ProgressBatch } from "../../../lib/bulk-jobs/progress";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
const batch = (over: Partial<ProgressBatch>): ProgressBatch => ({
  state: "Completed",
  createdDate: at(0),
  systemModstamp: at(10),
  numberRecordsProcessed: 0,
  numberRecordsFailed: 0,
  totalProcessingTime: 0,
  ...over,
});

describe("job progress", () => {
  it("measures throughput from the first batch's creation and estimates what is left while running", () => {
    const progress = computeProgress(
      { state: "running", totalRows: 10_000, processedRows: 1_000, startedAt: at(0), finishedAt: null, batches: [batch({ createdDate: at(5), numberRecordsProcessed: 2_000 })] },
      at(25),
    );
    // Salesforce's live counter (2,000) beats our stored outcomes (1,000); 2,000 rows in 20 s.
    expect(progress).toEqual({ processed: 2_000, remaining: 8_000, elapsedMs: 20_000, recordsPerSecond: 100, etaMs: 80_000 });
  });

  it("stops the clock at Salesforce's last change once finished, and gives no ETA", () => {
    const progress = computeProgress(
      {
        state: "completed",
        totalRows: 300,
        processedRows: 300,
        startedAt: at(0),
        finishedAt: at(59),
        batches: [batch({ createdDate: at(1), systemModstamp: at(4), numberRecordsProcessed: 150 }), batch({ createdDate: at(2), systemModstamp: at(7), numberRecordsProcessed: 150 })],
      },
      at(3_600),
    );
    expect(progress).toEqual({ processed: 300, remaining: 0, elapsedMs: 6_000, recordsPerSecond: 50, etaMs: null });
  });

  it("gives no ETA before anything was processed, too early, or while paused", () => {
    const base = { totalRows: 100, processedRows: 0, finishedAt: null, batches: [] };
    expect(computeProgress({ ...base, state: "running", startedAt: at(0) }, at(30))).toMatchObject({ recordsPerSecond: null, etaMs: null });
    expect(computeProgress({ ...base, state: "running", startedAt: at(0), processedRows: 10 }, at(1))).toMatchObject({ etaMs: null });
    expect(computeProgress({ ...base, state: "paused", startedAt: at(0), processedRows: 10 }, at(30))).toMatchObject({ etaMs: null });
    expect(computeProgress({ ...base, state: "queued", startedAt: null }, at(30))).toEqual({ processed: 0, remaining: 100, elapsedMs: null, recordsPerSecond: null, etaMs: null });
  });

  it("charts the batches Salesforce reported on, numbered in submission order", () => {
    const timings = batchTimings([
      batch({ seq: 0, totalProcessingTime: 1_200, numberRecordsProcessed: 1_000, numberRecordsFailed: 3 }),
      batch({ seq: 1, state: "Queued", totalProcessingTime: 0 }),
      batch({ seq: 2, totalProcessingTime: 800, numberRecordsProcessed: 500 }),
    ]);
    expect(timings).toEqual([
      { label: "1", ms: 1_200, records: 1_000, failed: 3 },
      { label: "3", ms: 800, records: 500, failed: 0 },
    ]);
  });

  it("formats durations and rates for people", () => {
    expect([formatDuration(12_400), formatDuration(200_000), formatDuration(3_900_000)]).toEqual(["12 s", "3 min 20 s", "1 h 5 min"]);
    expect([formatRate(1234.5), formatRate(12.345)]).toEqual(["1,235 records/s", "12.3 records/s"]);
  });
});
