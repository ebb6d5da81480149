import { describe, expect, it } from "vitest";
import { buildProjection, toCsvRow } from "../../../lib/jobs/projection";

describe("column mapping projection", () => {
  it("sends every column unchanged without a mapping", () => {
    const projection = buildProjection(["A", "B"], null);
    expect(projection.header).toEqual(["A", "B"]);
    expect(projection.project(["1", "2"])).toEqual(["1", "2"]);
  });

  it("renames mapped columns, drops unmapped ones and appends constants", () => {
    const projection = buildProjection(["Company", "Notes", "Parent"], {
      columns: { Company: "Name", Parent: "Parent.External_Id__c" },
      constants: { Type: "Customer - Direct" },
    });
    expect(projection.header).toEqual(["Name", "Parent.External_Id__c", "Type"]);
    expect(projection.project(["Acme", "ignore me", "P-1"])).toEqual(["Acme", "P-1", "Customer - Direct"]);
  });

  it("writes RFC 4180 rows for Salesforce without spreadsheet escaping", () => {
    expect(toCsvRow(["=1", 'a "b"', "x,y", "l\nm"])).toBe('=1,"a ""b""","x,y","l\nm"\n');
  });
});
