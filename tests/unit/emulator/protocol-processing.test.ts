import { describe, expect, it } from "vitest";
import { defaultFaults } from "../../../lib/emulator/config";
import { FaultInjector } from "../../../lib/emulator/faults/injector";
import { BatchFailure, checkLineEnding, parseCsv, parseJsonRows, parseXmlRows, splitCsvRows } from "../../../lib/emulator/processing/parse-batch";
import { errorCell, queryXmlRow, v1ResultCsv, v1ResultXml, v2FailedRow, v2SuccessRow } from "../../../lib/emulator/processing/render";

describe("batch parsing", () => {
  it("parses CSV with quotes, embedded newlines, a BOM and short rows", () => {
    const table = parseCsv('\uFEFFName,Description\n"Acme, Inc.","two\nlines"\nShort\n');
    expect(table.header).toEqual(["Name", "Description"]);
    expect(table.rows).toEqual([["Acme, Inc.", "two\nlines"], ["Short", ""]]);
    expect(parseCsv("Name|Phone\nA|1\n", "|").rows).toEqual([["A", "1"]]);
    expect(() => parseCsv("")).toThrow(BatchFailure);
  });

  it("splits uploads into raw parts on row boundaries outside quotes", () => {
    const text = 'Name,Note\r\nA,"x\r\ny"\r\nB,"say ""hi"""\r\nC,z\r\n';
    expect(splitCsvRows(text, 2)).toEqual({ header: "Name,Note\r\n", parts: ['A,"x\r\ny"\r\nB,"say ""hi"""\r\n', "C,z\r\n"] });
    expect(splitCsvRows("Name\nA\nB", 5)).toEqual({ header: "Name\n", parts: ["A\nB"] });
    expect(splitCsvRows("Name\n\n", 5)).toEqual({ header: "Name\n", parts: [] });
    expect(splitCsvRows("Name", 5)).toEqual({ header: "Name", parts: [] });
  });

  it("checks the Bulk 2.0 line ending against the job's", () => {
    expect(() => checkLineEnding("Name\r\nA\r\n", "LF")).toThrow("LineEnding is invalid on user data. Current LineEnding setting is LF");
    expect(() => checkLineEnding("Name\nA\n", "CRLF")).toThrow(/CRLF/);
    expect(() => checkLineEnding("Name\r\nA\r\n", "CRLF")).not.toThrow();
  });

  it("parses XML batches with nil values and relationships", () => {
    const rows = parseXmlRows(`<?xml version="1.0" encoding="UTF-8"?><sObjects xmlns="http://www.force.com/2009/06/asyncapi/dataload" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <sObject><Name>A</Name><Description xsi:nil="true"/><Parent><sObject><External_Id__c>P-1</External_Id__c></sObject></Parent></sObject>
      <sObject><Name>B &amp; C</Name></sObject></sObjects>`);
    expect(rows).toEqual([{ Name: "A", Description: null, Parent: { External_Id__c: "P-1" } }, { Name: "B & C" }]);
    expect(() => parseXmlRows("<foo/>")).toThrow(BatchFailure);
  });

  it("parses JSON batches and refuses non-arrays", () => {
    expect(parseJsonRows('[{"Name":"A","Description":null,"attributes":{"type":"Account"}}]')).toEqual([{ Name: "A", Description: null }]);
    expect(() => parseJsonRows('{"Name":"A"}')).toThrow(/array/);
  });
});

describe("result rendering", () => {
  const failure = { id: null, success: false, created: false, errors: [{ statusCode: "REQUIRED_FIELD_MISSING", message: "Required fields are missing: [LastName]", fields: ["LastName"] }] };
  it("formats v1 CSV and XML results like Salesforce", () => {
    expect(v1ResultCsv({ id: "003D000000Q89kQIAR", success: true, created: true, errors: [] })).toBe('"003D000000Q89kQIAR","true","true",""\n');
    expect(v1ResultCsv(failure)).toBe('"","false","false","REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"\n');
    expect(errorCell([{ statusCode: "UNABLE_TO_LOCK_ROW", message: "unable to obtain exclusive access", fields: [] }])).toBe("UNABLE_TO_LOCK_ROW:unable to obtain exclusive access:--");
    expect(v1ResultXml(failure)).toMatch(/^<result><errors><fields>LastName<\/fields><message>.*<\/message><statusCode>REQUIRED_FIELD_MISSING<\/statusCode><\/errors><id xsi:nil="true"/);
  });

  it("writes v1 XML query records with the Id twice when selected, nil when not", () => {
    const attributes = { type: "Contact", url: "/services/data/v62.0/sobjects/Contact/003x" };
    expect(queryXmlRow({ attributes, Id: "003x", Name: "A & B", Account: null })).toBe(
      '<records xsi:type="sf:sObject"><sf:type>Contact</sf:type><sf:Id>003x</sf:Id><sf:Id>003x</sf:Id><sf:Name>A &amp; B</sf:Name><sf:Account xsi:nil="true"/></records>',
    );
    expect(queryXmlRow({ attributes, Account: { attributes: { type: "Account" }, Name: "P" } })).toBe(
      '<records xsi:type="sf:sObject"><sf:type>Contact</sf:type><sf:Id xsi:nil="true"/><sf:Account xsi:type="sf:sObject"><sf:type>Account</sf:type><sf:Id xsi:nil="true"/><sf:Name>P</sf:Name></sf:Account></records>',
    );
  });

  it("echoes input cells in v2 results with the job's delimiter and line ending", () => {
    const dialect = { delimiter: "|", lineEnding: "\r\n" };
    expect(v2SuccessRow({ id: "001x", success: true, created: true, errors: [] }, ["A", 'say "hi"'], dialect)).toBe('"001x"|"true"|"A"|"say ""hi"""\r\n');
    expect(v2FailedRow(failure, ["", "x"], dialect)).toBe('""|"REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"|""|"x"\r\n');
  });
});

describe("fault injector", () => {
  it("is deterministic per seed and counts what it did", () => {
    const run = () => {
      const faults = new FaultInjector({ ...defaultFaults, seed: 99, errorRate: 0.3, dropRate: 0.1 });
      return Array.from({ length: 50 }, () => faults.onRequest("/services/data/v62.0/limits"));
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first).toContain("error");
    expect(first).toContain("drop");
    expect(first).toContain(null);
  });

  it("limits requests after N, honours the path pattern and resets", () => {
    const faults = new FaultInjector({ ...defaultFaults, requestLimitAfter: 1, pathPattern: "^/services/async" });
    expect(faults.onRequest("/services/data/v62.0/limits")).toBeNull();
    expect(faults.onRequest("/services/async/62.0/job")).toBeNull();
    expect(faults.onRequest("/services/async/62.0/job")).toBe("limit");
    expect(faults.stats.limited).toBe(1);
    faults.reset();
    expect(faults.onRequest("/services/async/62.0/job")).toBeNull();
    expect(() => faults.configure({ pathPattern: "(" })).toThrow();
  });
});
