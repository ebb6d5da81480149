import { describe, expect, it } from "vitest";
import type { BatchRow, JobRow, V1Counters } from "../../../lib/emulator/protocols/common/jobs";
import { parseJobBody, parsePkChunking, validateJobCreate, validateStateChange } from "../../../lib/emulator/protocols/bulk-v1/parse-job";
import { batchInfo, batchInfoList, errorBody, jobInfoJson, jobInfoXml, queryResultList } from "../../../lib/emulator/protocols/bulk-v1/serialize";

const date = new Date("2015-12-15T21:41:45Z");
const job: JobRow = {
  id: "750D00000004SkLIAU", orgId: "00D", createdBy: "005D0000001b0fFIAQ", kind: "v1", operation: "upsert", object: "Account",
  externalIdField: "External_Id__c", assignmentRuleId: null, concurrencyMode: "Parallel", contentType: "CSV", apiVersion: "36.0",
  state: "Open", lineEnding: null, columnDelimiter: null, soql: null, pkChunking: null, errorMessage: null, uploadBytes: null,
  resultHeader: null, recordsProcessed: 0, recordsFailed: 0, totalProcessingTime: 0, apiActiveProcessingTime: 0,
  apexProcessingTime: 0, retries: 0, createdAt: date, systemModstamp: date,
};
const counters: V1Counters = { queued: 1, inProgress: 0, completed: 2, failed: 0, total: 3, recordsProcessed: 20, recordsFailed: 1, totalProcessingTime: 5, apiActiveProcessingTime: 4, apexProcessingTime: 0, retries: 0 };
const batch: BatchRow = {
  id: "751x00000000079AAA", jobId: job.id, kind: "ingest", state: "Failed", stateMessage: "InvalidBatch : Field name not found : Foo",
  contentType: "CSV", soql: null, idRange: null, recordCount: 0, progress: 0, recordsProcessed: 0, recordsFailed: 0,
  totalProcessingTime: 0, apiActiveProcessingTime: 0, apexProcessingTime: 0, attempts: 1, startedAt: date, createdAt: date, systemModstamp: date,
};

const elements = (xml: string) => [...xml.matchAll(/<(\w+)>/g)].map((m) => m[1]);

describe("Bulk v1 serialization", () => {
  it("writes JobInfo in force-wsc's element order", () => {
    expect(elements(jobInfoXml(job, counters))).toEqual([
      "id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "externalIdFieldName", "concurrencyMode",
      "contentType", "numberBatchesQueued", "numberBatchesInProgress", "numberBatchesCompleted", "numberBatchesFailed",
      "numberBatchesTotal", "numberRecordsProcessed", "numberRetries", "apiVersion", "numberRecordsFailed", "totalProcessingTime",
      "apiActiveProcessingTime", "apexProcessingTime",
    ]);
    expect(jobInfoXml(job, counters)).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><jobInfo xmlns="http:\/\/www.force.com\/2009\/06\/asyncapi\/dataload"><id>/);
  });

  it("writes JobInfo JSON with sorted keys, +0000 dates and apiVersion 36.0", () => {
    const text = jobInfoJson({ ...job, contentType: "JSON" }, counters);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([...keys].sort());
    expect(text).toContain('"apiVersion":36.0');
    expect(text).toContain('"createdDate":"2015-12-15T21:41:45.000+0000"');
  });

  it("writes BatchInfo with stateMessage after state, lists and errors", () => {
    expect(elements(batchInfo(batch, "xml"))).toEqual([
      "id", "jobId", "state", "stateMessage", "createdDate", "systemModstamp", "numberRecordsProcessed", "numberRecordsFailed",
      "totalProcessingTime", "apiActiveProcessingTime", "apexProcessingTime",
    ]);
    expect(JSON.parse(batchInfoList([batch], "json"))).toMatchObject({ batchInfo: [{ id: batch.id, state: "Failed" }] });
    expect(errorBody("InvalidJob", "Invalid job id: x", "json")).toBe('{"exceptionCode":"InvalidJob","exceptionMessage":"Invalid job id: x"}');
    expect(queryResultList(["752x00000004CJE"], "xml")).toContain("<result-list xmlns=\"http://www.force.com/2009/06/asyncapi/dataload\"><result>752x00000004CJE</result></result-list>");
  });
});

describe("Bulk v1 request parsing", () => {
  it("accepts XML in any order with whitespace, and JSON with an integer concurrencyMode", () => {
    const xml = parseJobBody(`<?xml version='1.0' encoding='UTF-8'?>\n<jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload">\n  <object>Account</object>\n  <operation>insert</operation>\n</jobInfo>`);
    expect(validateJobCreate(xml)).toMatchObject({ operation: "insert", object: "Account", contentType: "XML", concurrencyMode: "Parallel" });
    const json = parseJobBody('{"operation": "insert", "object": "Contact", "concurrencyMode": 1, "contentType": "JSON"}');
    expect(validateJobCreate(json).concurrencyMode).toBe("Serial");
  });

  it("refuses what Salesforce refuses", () => {
    expect(() => validateJobCreate({ operation: "INSERT", object: "Account" })).toThrow(/Invalid operation/);
    expect(() => validateJobCreate({ operation: "upsert", object: "Account" })).toThrow(/External ID/);
    expect(() => validateJobCreate({ operation: "insert", object: "Account", externalIdFieldName: "X" })).toThrow();
    expect(() => parseJobBody("<nope")).toThrow();
    expect(() => validateStateChange({ state: "Closed", createdById: "005" }, job.id)).toThrow("CreatedById cannot be specified");
    expect(validateStateChange({ id: job.id, state: "Aborted" }, job.id)).toBe("Aborted");
  });

  it("parses Sforce-Enable-PKChunking forms", () => {
    expect(parsePkChunking(undefined)).toBeNull();
    expect(parsePkChunking("FALSE")).toBeNull();
    expect(parsePkChunking("true")).toEqual({ chunkSize: 100000 });
    expect(parsePkChunking("chunkSize=50000; startRow=00130000000xEftMGH")).toEqual({ chunkSize: 50000, startRow: "00130000000xEftMGH" });
    expect(parsePkChunking("chunkSize=100000;")).toEqual({ chunkSize: 100000 });
    expect(() => parsePkChunking("chunkSize=300000")).toThrow(/between 1 and 250000/);
  });
});
