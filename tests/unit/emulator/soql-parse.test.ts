import { describe, expect, it } from "vitest";
import { compileSoql, parseSoql, SoqlError } from "../../../lib/emulator/soql";
import { dateLiteralRange } from "../../../lib/emulator/soql/date-literals";

function failure(text: string): SoqlError {
  try {
    compileSoql(parseSoql(text), { orgId: "00D" });
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe("parseSoql", () => {
  it("parses fields, relationships, conditions, ordering and paging", () => {
    const query = parseSoql(
      "SELECT Id, Name, Account.Owner.Name FROM Contact c WHERE (Name LIKE 'A%' OR Email != null) AND NOT CreatedDate = LAST_N_DAYS:30 AND Amount__c IN (1, 2.5) ORDER BY Name DESC NULLS FIRST, Id LIMIT 10 OFFSET 5",
    );
    expect(query.fields.map((f) => f.parts.join("."))).toEqual(["Id", "Name", "Account.Owner.Name"]);
    expect(query.object).toBe("Contact");
    expect(query.alias).toBe("c");
    expect(query.where?.kind).toBe("and");
    expect(query.orderBy).toEqual([
      expect.objectContaining({ descending: true, nullsFirst: true }),
      expect.objectContaining({ descending: false, nullsFirst: true }),
    ]);
    expect([query.limit, query.offset]).toEqual([10, 5]);
  });

  it("parses COUNT(), date and datetime literals, escapes and <>", () => {
    expect(parseSoql("select count() from Account").count).toBe(true);
    const query = parseSoql("SELECT Id FROM Case WHERE ClosedDate > 2024-01-01T00:00:00Z AND Subject <> 'it\\'s' AND CreatedDate < 2024-01-01T00:00:00.000+0100");
    const where = query.where as { items: { value: { kind: string; value?: string }; operator?: string }[] };
    expect(where.items.map((item) => item.value.kind)).toEqual(["datetime", "string", "datetime"]);
    expect(where.items[1]).toMatchObject({ operator: "!=", value: { value: "it's" } });
  });

  it("rejects malformed queries with Salesforce's positioned message", () => {
    const error = failure("SELECT Id FROM Account WHERE");
    expect(error.code).toBe("MALFORMED_QUERY");
    expect(error.message).toBe("\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: <EOF>");
    expect(failure("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'").code).toBe("MALFORMED_QUERY");
    expect(failure("SELECT FROM Account").code).toBe("MALFORMED_QUERY");
    expect(failure("SELECT Id FROM Account LIMIT 'x'").code).toBe("MALFORMED_QUERY");
    expect(failure("").code).toBe("MALFORMED_QUERY");
  });

  it("rejects unsupported constructs instead of answering wrongly", () => {
    for (const text of [
      "SELECT Id, (SELECT Id FROM Contacts) FROM Account",
      "SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry",
      "SELECT MAX(AnnualRevenue) FROM Account",
      "SELECT TYPEOF What WHEN Account THEN Name END FROM Task",
      "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)",
      "SELECT Id FROM Account FOR UPDATE",
      "SELECT Id FROM Account WITH SECURITY_ENFORCED",
    ]) {
      expect(failure(text).code, text).toBe("MALFORMED_QUERY");
    }
  });

  it("reports unknown objects, fields and relationships", () => {
    const type = failure("SELECT Id FROM Foo");
    expect(type.code).toBe("INVALID_TYPE");
    expect(type.message).toContain("sObject type 'Foo' is not supported.");
    const field = failure("SELECT Id, Bogus FROM Account");
    expect(field.code).toBe("INVALID_FIELD");
    expect(field.message).toContain("ERROR at Row:1:Column:12\nNo such column 'Bogus' on entity 'Account'.");
    expect(failure("SELECT Foo.Name FROM Contact").message).toContain("Didn't understand relationship 'Foo' in field path.");
    expect(failure("SELECT Id FROM Account WHERE AnnualRevenue = '5'").message).toContain(
      "value of filter criterion for field 'AnnualRevenue' must be of type double and should not be enclosed in quotes",
    );
    expect(failure("SELECT Id FROM Account WHERE Name = 5").message).toContain("must be of type string and should be enclosed in quotes");
    expect(failure("SELECT Id FROM Account WHERE Id = 'abc'").code).toBe("INVALID_QUERY_FILTER_OPERATOR");
    expect(failure("SELECT Id FROM Account WHERE Description = 'x'").message).toContain("can not be filtered");
    expect(failure("SELECT Id, id FROM Account").message).toContain("duplicate field selected: Id");
    expect(failure("SELECT Id FROM Account OFFSET 2001").code).toBe("NUMBER_OUTSIDE_VALID_RANGE");
    expect(failure("SELECT Id FROM Account LIMIT 99999999999999999999").code).toBe("NUMBER_OUTSIDE_VALID_RANGE");
  });

  it("compiles values into parameters, never into SQL text", () => {
    const compiled = compileSoql(parseSoql("SELECT Name FROM Account WHERE Name = 'x\\'; DROP TABLE y; --'"), { orgId: "00D" });
    expect(compiled.sql).not.toContain("DROP");
    expect(compiled.params).toContain("x'; drop table y; --");
  });
});

describe("date literals", () => {
  const now = new Date("2026-03-18T15:30:00Z"); // a Wednesday
  const iso = (range: { start: Date; end: Date }) => [range.start.toISOString().slice(0, 10), range.end.toISOString().slice(0, 10)];

  it("computes half-open UTC ranges", () => {
    expect(iso(dateLiteralRange("TODAY", undefined, now))).toEqual(["2026-03-18", "2026-03-19"]);
    expect(iso(dateLiteralRange("YESTERDAY", undefined, now))).toEqual(["2026-03-17", "2026-03-18"]);
    expect(iso(dateLiteralRange("THIS_WEEK", undefined, now))).toEqual(["2026-03-15", "2026-03-22"]);
    expect(iso(dateLiteralRange("THIS_MONTH", undefined, now))).toEqual(["2026-03-01", "2026-04-01"]);
    expect(iso(dateLiteralRange("LAST_MONTH", undefined, now))).toEqual(["2026-02-01", "2026-03-01"]);
    expect(iso(dateLiteralRange("THIS_QUARTER", undefined, now))).toEqual(["2026-01-01", "2026-04-01"]);
    expect(iso(dateLiteralRange("LAST_N_DAYS", 7, now))).toEqual(["2026-03-11", "2026-03-19"]);
    expect(iso(dateLiteralRange("NEXT_N_DAYS", 2, now))).toEqual(["2026-03-19", "2026-03-21"]);
    expect(iso(dateLiteralRange("N_DAYS_AGO", 3, now))).toEqual(["2026-03-15", "2026-03-16"]);
    expect(iso(dateLiteralRange("LAST_N_MONTHS", 2, now))).toEqual(["2026-01-01", "2026-03-01"]);
  });
});
