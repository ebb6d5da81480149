import { describe, expect, it } from "vitest";
import { createBulkJobSchema, listBulkJobsSchema } from "../../../lib/bulk-jobs/schema";

const base = { orgConnectionId: "c1", object: "Account", uploadId: "u1" };
const issues = (input: unknown) => createBulkJobSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe("createBulkJobSchema", () => {
  it("defaults to Bulk API 2.0, parallel", () => {
    expect(createBulkJobSchema.parse({ ...base, operation: "insert" })).toMatchObject({ api: "v2", concurrencyMode: "Parallel", pkChunking: false });
  });

  it("asks for v1 when serial mode, a batch size or PK chunking is wanted", () => {
    expect(issues({ ...base, operation: "insert", concurrencyMode: "Serial" })).toContain("Serial concurrency, a batch size and PK chunking need Bulk API v1.");
    expect(issues({ ...base, operation: "insert", api: "v1", concurrencyMode: "Serial", batchSize: 2_000 })).toEqual([]);
    expect(issues({ ...base, operation: "insert", api: "v1", batchSize: 20_000 })).toHaveLength(1);
  });

  it("needs what each operation needs", () => {
    expect(issues({ ...base, operation: "upsert" })).toContain("Upsert needs an external id field.");
    expect(issues({ orgConnectionId: "c1", object: "Account", operation: "insert" })).toContain("Upload a CSV file first.");
    expect(issues({ orgConnectionId: "c1", object: "Account", operation: "query" })).toContain("A query job needs a SOQL query.");
    expect(issues({ ...base, operation: "insert", api: "v1", pkChunking: true })).toContain("PK chunking applies to query jobs only.");
    expect(issues({ ...base, object: "Account; DROP", operation: "insert" })).toHaveLength(1);
  });

  it("parses list filters from a query string", () => {
    expect(listBulkJobsSchema.parse({ limit: "20", state: "running" })).toMatchObject({ limit: 20, state: "running" });
    expect(listBulkJobsSchema.safeParse({ limit: "1000" }).success).toBe(false);
  });
});
