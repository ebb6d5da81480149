import { describe, expect, it } from "vitest";
import { planJob, type JobPlan } from "../../../lib/preflight";
import { pollsFor } from "../../../lib/preflight/plan";

const MB = 1_000_000;

describe("pollsFor", () => {
  it("follows the runner's schedule: 5 s, ×1.5 each time, capped at a minute", () => {
    expect(pollsFor(0)).toBe(1);
    expect(pollsFor(5)).toBe(1);
    expect(pollsFor(5.1)).toBe(2); // 5 + 7.5
    expect(pollsFor(25)).toBe(4); // 5, 12.5, 23.75, 40.6
    expect(pollsFor(1000)).toBe(21); // 7 growing polls reach 160.9 s, then 14 a minute apart
  });
});

describe("planJob, Bulk API v1", () => {
  it("cuts batches at 10,000 records", () => {
    const plan: JobPlan = planJob({ rows: 50_000, bytes: 8 * MB, api: "v1", operation: "insert" });
    expect(plan).toMatchObject({ salesforceJobs: 1, batches: 5, apiCalls: 1 + 5 + 1 + 4 + 5 });
    expect(plan.notes.join(" ")).toMatch(/estimated/);
  });

  it("respects a chosen batch size, but never above 10,000", () => {
    expect(planJob({ rows: 1_000, bytes: MB, api: "v1", operation: "update", batchSize: 200 }).batches).toBe(5);
    expect(planJob({ rows: 1_001, bytes: MB, api: "v1", operation: "update", batchSize: 200 }).batches).toBe(6);
    expect(planJob({ rows: 25_000, bytes: MB, api: "v1", operation: "update", batchSize: 50_000 }).batches).toBe(3);
  });

  it("lets the 10 MB limit decide for wide rows, and says so", () => {
    const plan = planJob({ rows: 20_000, bytes: 45 * MB, api: "v1", operation: "upsert" });
    expect(plan.batches).toBe(5);
    expect(plan.notes.join(" ")).toMatch(/10 MB/);
  });
});

describe("planJob, Bulk API 2.0", () => {
  it("uses one job up to 10 MB and counts allocation batches per 10,000 records", () => {
    expect(planJob({ rows: 50_000, bytes: 8 * MB, api: "v2", operation: "insert" })).toMatchObject({ salesforceJobs: 1, batches: 5, apiCalls: 6 + 4 });
    expect(planJob({ rows: 10, bytes: 1_000, api: "v2", operation: "delete" })).toMatchObject({ salesforceJobs: 1, batches: 1 });
  });

  it("splits into one job per 10 MB", () => {
    const plan = planJob({ rows: 200_000, bytes: 25 * MB, api: "v2", operation: "insert" });
    expect(plan).toMatchObject({ salesforceJobs: 3, batches: 20 });
    expect(plan.notes.join(" ")).toMatch(/3 Bulk API 2.0 jobs/);
  });
});

describe("planJob, edges and queries", () => {
  it("sends nothing for an empty file", () => {
    expect(planJob({ rows: 0, bytes: 0, api: "v2", operation: "insert" })).toMatchObject({ salesforceJobs: 0, batches: 0, apiCalls: 0 });
  });

  it("plans one query job that uses no batch allocation on v2", () => {
    expect(planJob({ rows: 0, bytes: 0, api: "v2", operation: "query" })).toMatchObject({ salesforceJobs: 1, batches: 0, apiCalls: 3 });
    expect(planJob({ rows: 0, bytes: 0, api: "v1", operation: "queryAll" })).toMatchObject({ salesforceJobs: 1, batches: 1, apiCalls: 6 });
  });

  it("refuses nonsense sizes", () => {
    expect(() => planJob({ rows: -1, bytes: 0, api: "v2", operation: "insert" })).toThrow(/rows must be a non-negative number/);
    expect(() => planJob({ rows: 1, bytes: Number.NaN, api: "v2", operation: "insert" })).toThrow(/bytes/);
  });
});
