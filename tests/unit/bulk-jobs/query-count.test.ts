import { describe, expect, it } from "vitest";
import { countSoqlFor } from "../../../lib/bulk-jobs/query-count";

describe("row count estimate", () => {
  it("keeps the object and WHERE, drops what does not change the count, and keeps LIMIT aside", () => {
    expect(countSoqlFor("SELECT Id, Name FROM Account WHERE Name LIKE 'A%' ORDER BY Name LIMIT 500")).toEqual({ soql: "SELECT COUNT() FROM Account WHERE Name LIKE 'A%'", limit: 500 });
    expect(countSoqlFor("select id from Contact;")).toEqual({ soql: "SELECT COUNT() FROM Contact", limit: null });
    expect(countSoqlFor("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry")).toEqual({ reason: "Queries with sub-queries or aggregates are not counted in advance." });
    expect(countSoqlFor("SELECT Id FROM Account GROUP BY Id")).toEqual({ reason: "GROUP BY queries are not counted in advance." });
    expect(countSoqlFor("DELETE Account")).toEqual({ reason: "The query needs the form SELECT … FROM Object." });
  });
});
