import { z } from "zod";
import { columnMappingSchema } from "../jobs";

const BULK_OPERATIONS = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"] as const;
const BULK_JOB_STATES = ["queued", "running", "paused", "aborting", "completed", "failed", "aborted"] as const;
export const isQueryOperation = (operation: string) => operation === "query" || operation === "queryAll";

const sobjectName = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, "Must be an object API name such as Account or Invoice__c.");

// Strict: a misspelt option (`batchsize`) is refused by name instead of silently ignored.
export const createBulkJobSchema = z
  .strictObject({
    orgConnectionId: z.string().min(1),
    object: sobjectName,
    operation: z.enum(BULK_OPERATIONS),
    /** Bulk API 2.0 unless serial concurrency, a batch size or PK chunking asks for v1. */
    api: z.enum(["v1", "v2"]).default("v2"),
    uploadId: z.string().min(1).optional(),
    soql: z.string().trim().min(1, "Enter a SOQL query.").max(100_000, "A SOQL query can be at most 100,000 characters (Salesforce's limit).").optional(),
    externalIdField: z.string().trim().min(1).max(80).optional(),
    concurrencyMode: z.enum(["Parallel", "Serial"]).default("Parallel"),
    batchSize: z.number().int().min(1).max(10_000).optional(),
    pkChunking: z.boolean().default(false),
    pkChunkSize: z.number().int().min(1).max(250_000).optional(),
    columnMapping: columnMappingSchema.optional(),
  })
  .superRefine((input, ctx) => {
    const query = isQueryOperation(input.operation);
    if (query && !input.soql) ctx.addIssue({ code: "custom", path: ["soql"], message: "A query job needs a SOQL query." });
    if (!query && !input.uploadId) ctx.addIssue({ code: "custom", path: ["uploadId"], message: "Upload a CSV file first." });
    if (input.operation === "upsert" && !input.externalIdField) {
      ctx.addIssue({ code: "custom", path: ["externalIdField"], message: "Upsert needs an external id field." });
    }
    if (input.api === "v2" && (input.concurrencyMode === "Serial" || input.batchSize || input.pkChunking)) {
      ctx.addIssue({ code: "custom", path: ["api"], message: "Serial concurrency, a batch size and PK chunking need Bulk API v1." });
    }
    if (input.pkChunking && !query) ctx.addIssue({ code: "custom", path: ["pkChunking"], message: "PK chunking applies to query jobs only." });
  });
export type CreateBulkJobInput = z.infer<typeof createBulkJobSchema>;

export const listBulkJobsSchema = z.object({
  orgConnectionId: z.string().min(1).optional(),
  object: z.string().trim().min(1).optional(),
  operation: z.enum(BULK_OPERATIONS).optional(),
  state: z.enum(BULK_JOB_STATES).optional(),
  createdById: z.string().min(1).optional(),
  createdAfter: z.coerce.date().optional(),
  createdBefore: z.coerce.date().optional(),
  /** A job id, a Salesforce job id or part of a file name. */
  search: z.string().trim().min(1).max(200).optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListBulkJobsInput = z.infer<typeof listBulkJobsSchema>;

export const resultKindSchema = z.enum(["successes", "failures", "unprocessed", "query"]);
