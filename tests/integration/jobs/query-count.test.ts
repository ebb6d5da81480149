/** The row count estimate runs SELECT COUNT() against the org (the emulator here) and explains when it cannot. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateQueryRows } from "../../../lib/bulk-jobs/query-count";
import { accountRows, createHarness, type Harness } from "./harness";

describe("query row count estimate", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const uploadId = await h.upload(accountRows(30, new Set(), "count"));
    expect((await h.settle(await h.createJob({ object: "Account", operation: "insert", uploadId, columnMapping: { columns: { Name: "Name" } } }))).processedRows).toBe(30);
  }, 60_000);
  afterAll(() => h?.close());

  it("counts the rows the query's WHERE matches, capped by its LIMIT", async () => {
    expect(await estimateQueryRows(h.ctx, h.connectionId, "SELECT Id, Name FROM Account WHERE Name LIKE 'count 1%' ORDER BY Name")).toEqual({
      count: 11, // count 1, count 10 … count 19
      soql: "SELECT COUNT() FROM Account WHERE Name LIKE 'count 1%'",
    });
    expect(await estimateQueryRows(h.ctx, h.connectionId, "SELECT Id FROM Account LIMIT 5")).toMatchObject({ count: 5 });
  });

  it("answers with a reason, never an error, when it cannot count", async () => {
    const bad = await estimateQueryRows(h.ctx, h.connectionId, "SELECT Id FROM Account WHERE Nope__c = 1");
    expect(bad.count).toBeNull();
    expect("reason" in bad && bad.reason).toMatch(/^Salesforce could not count this query: .*Nope__c/);
    expect(await estimateQueryRows(h.ctx, h.connectionId, "SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry")).toEqual({ count: null, reason: "Queries with sub-queries or aggregates are not counted in advance." });
    await expect(estimateQueryRows(h.ctx, "not-ours", "SELECT Id FROM Account")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
