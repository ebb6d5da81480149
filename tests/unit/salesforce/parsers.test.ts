/** Parsers proven on payloads recorded from Salesforce (copied from the protocol reference into fixtures). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLoginResponse } from "../../../lib/salesforce/auth/soap-login";
import { parseIngestResults } from "../../../lib/salesforce/bulk-v1/results";
import { parseBatchInfo, parseBatchInfoList, parseJobInfo, parseResultIds } from "../../../lib/salesforce/bulk-v1/types";
import { errorFromBody } from "../../../lib/salesforce/http/errors";
import { parseLimitInfo } from "../../../lib/salesforce/http/limit-info";
import { parseXml } from "../../../lib/salesforce/http/xml";
import { SalesforceClient } from "../../../lib/salesforce";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/salesforce/${name}`, import.meta.url), "utf8");

describe("SOAP login", () => {
  it("parses the success envelope", () => {
    const result = parseLoginResponse(fixture("soap-login-success.xml"));
    expect(result).toMatchObject({
      serverUrl: "https://mycompany.my.salesforce.com/services/Soap/u/64.0/00Dxx0000001gEH",
      instanceUrl: "https://mycompany.my.salesforce.com",
      userId: "005xx000001SvM6AAK",
      organizationId: "00Dxx0000001gEHEAY",
      sandbox: false,
      sessionSecondsValid: 7200,
    });
    expect(result.sessionId.startsWith("00Dxx0000001gEH!")).toBe(true);
  });

  it("refuses an expired password", () => {
    const expired = fixture("soap-login-success.xml").replace("<passwordExpired>false", "<passwordExpired>true");
    expect(() => parseLoginResponse(expired)).toThrow(/expired/);
  });

  it("turns the INVALID_LOGIN fault into a non-retryable typed error", () => {
    const error = errorFromBody(500, fixture("soap-login-fault.xml"));
    expect(error.errorCode).toBe("INVALID_LOGIN");
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Invalid username, password, security token");
  });
});

describe("Bulk v1 payloads", () => {
  it("parses JobInfo XML and JSON alike, numbers as numbers", () => {
    const xml = parseJobInfo(fixture("v1-job-info.xml"));
    expect(xml).toMatchObject({ id: "750D00000004SkLIAU", operation: "insert", object: "Account", state: "Open", contentType: "CSV", apiVersion: "36.0", numberBatchesTotal: 0 });
    const json = parseJobInfo(fixture("v1-job-info.json"));
    expect(json).toMatchObject({ id: "750D00000004SkGIAU", contentType: "JSON", apiVersion: "36.0", numberRecordsFailed: 0 });
    expect(typeof json.totalProcessingTime).toBe("number");
  });

  it("parses BatchInfo, failed BatchInfo with stateMessage, and lists of one", () => {
    expect(parseBatchInfo(fixture("v1-batch-info.xml"))).toMatchObject({ id: "751x00000000079AAA", jobId: "750x0000000005LAAQ", state: "Queued", numberRecordsProcessed: 0 });
    expect(parseBatchInfo(fixture("v1-batch-info.json"))).toMatchObject({ id: "751D00000004YGZIA2", state: "Queued" });
    expect(parseBatchInfo(fixture("v1-batch-info-failed.xml"))).toMatchObject({ state: "Failed", stateMessage: "InvalidBatch : Field name not found : An_Awesome_Field__c" });
    const list = parseBatchInfoList(fixture("v1-batch-info-list.xml"));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ numberRecordsProcessed: 21, numberRecordsFailed: 1, totalProcessingTime: 1000, apiActiveProcessingTime: 900 });
  });

  it("parses ingest results in CSV, XML and JSON into one shape, in order", () => {
    const csv = parseIngestResults(fixture("v1-batch-result.csv"));
    expect(csv).toEqual([
      { id: "003D000000Q89kQIAR", success: true, created: true, error: null },
      { id: "003D000000Q89kRIAR", success: true, created: true, error: null },
      { id: null, success: false, created: false, error: "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --" },
    ]);
    const expectedFailure = { id: null, success: false, created: false, error: "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --" };
    expect(parseIngestResults(fixture("v1-batch-result.xml"))).toEqual([{ id: "001D000000ISUr3IAH", success: true, created: true, error: null }, expectedFailure]);
    expect(parseIngestResults(fixture("v1-batch-result.json"))).toEqual([{ id: "001xx000003DHP0AAO", success: true, created: true, error: null }, expectedFailure]);
  });

  it("parses query result id lists", () => {
    expect(parseResultIds(fixture("v1-query-result-list.xml"))).toEqual(["752x00000004CJE"]);
    expect(parseResultIds('["752x000000000F1","752x000000000F2"]')).toEqual(["752x000000000F1", "752x000000000F2"]);
  });
});

describe("error bodies of every family", () => {
  it.each([
    ["v1-error-session.xml", 400, "InvalidSessionId", true],
    ["v1-error-session.json", 400, "InvalidSessionId", true],
    ["rest-error-session.json", 401, "INVALID_SESSION_ID", true],
    ["v2-error-not-found.json", 404, "NOT_FOUND", false],
    ["v2-error-multiple-contents.json", 400, "BULK_API_ERROR", false],
    ["oauth-error-invalid-grant.json", 400, "invalid_grant", false],
    ["oauth-revoke-error.txt", 400, "invalid_token", false],
  ])("%s → %s", (name, status, code, session) => {
    const error = errorFromBody(status, fixture(name));
    expect(error.errorCode).toBe(code);
    expect(error.status).toBe(status);
    expect(error.isSessionError).toBe(session);
    expect(error.retryable).toBe(false);
  });

  it("marks 5xx and 429 retryable and unknown bodies generic", () => {
    expect(errorFromBody(503, '[{"errorCode":"SERVER_UNAVAILABLE","message":"x"}]').retryable).toBe(true);
    expect(errorFromBody(429, "").retryable).toBe(true);
    expect(errorFromBody(502, "<html>bad gateway</html>").errorCode).toBe("HTTP_502");
  });

  it("reports several REST errors as MULTIPLE_API_ERRORS", () => {
    expect(errorFromBody(400, '[{"errorCode":"A","message":"one"},{"errorCode":"B","message":"two"}]').errorCode).toBe("MULTIPLE_API_ERRORS");
  });
});

describe("safe XML and limit info", () => {
  it("refuses DOCTYPEs and does not expand entities beyond the predefined five", () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "boom">]><x>&a;</x>')).toThrow(/DOCTYPE/);
    expect(parseXml("<x>R&amp;D &lt;ok&gt; &#233; &unknown;</x>").x).toBe("R&D <ok> é &unknown;");
  });

  it("parses Sforce-Limit-Info", () => {
    expect(parseLimitInfo("api-usage=18/15000")).toEqual({ used: 18, max: 15000 });
    expect(parseLimitInfo("api-usage=25/5000; per-app-api-usage=17/250(appName=sample-app)")).toEqual({ used: 25, max: 5000, perApp: { used: 17, max: 250, app: "sample-app" } });
    expect(parseLimitInfo(null)).toBeNull();
  });
});

describe("Bulk 2.0 and REST payloads through the client", () => {
  // A recorded body served by an injected fetch: proves the client reads real formats without any server.
  const clientServing = (body: string, headers: Record<string, string> = {}) =>
    new SalesforceClient({
      session: { accessToken: "t", instanceUrl: "https://acme.my.salesforce.com" },
      fetch: async () => new Response(body, { status: 200, headers: { "Content-Type": "application/json", ...headers } }),
    });

  it("reads v2 ingest and query job info", async () => {
    const ingest = await clientServing(fixture("v2-ingest-job-info.json")).bulkV2.getJob("ingest", "7505fEXAMPLE4C2AAM");
    expect(ingest).toMatchObject({ state: "JobComplete", jobType: "V2Ingest", numberRecordsProcessed: 7, apiVersion: 66 });
    const query = await clientServing(fixture("v2-query-job-info.json")).bulkV2.getJob("query", "750R0000000zxikIAA");
    expect(query).toMatchObject({ state: "JobComplete", jobType: "V2Query", numberRecordsProcessed: 740003 });
  });

  it("reads versions and limits, and records Sforce-Limit-Info", async () => {
    expect((await clientServing(fixture("rest-versions.json")).rest.versions()).map((v) => v.version)).toEqual(["64.0", "65.0", "66.0"]);
    const client = clientServing(fixture("rest-limits.json"), { "Sforce-Limit-Info": "api-usage=2/15000" });
    expect((await client.rest.limits()).DailyBulkApiBatches).toEqual({ Max: 15000, Remaining: 15000 });
    expect(client.lastLimitInfo).toEqual({ used: 2, max: 15000 });
  });
});
