import { describe, expect, it } from "vitest";
import type { ColumnMapping } from "../../../lib/jobs/projection";
import { createValidator, type BulkOperationName, type RowProblem } from "../../../lib/preflight";
import { DEAL, emulatorObject } from "./fixtures";

/** Runs a whole file through a validator: every row's problems, then finish(). */
function validate(
  headers: string[],
  rows: string[][],
  options: { operation?: BulkOperationName; mapping?: ColumnMapping; externalIdField?: string } = {},
): RowProblem[] {
  const mapping = options.mapping ?? { columns: Object.fromEntries(headers.map((h) => [h, h])) };
  const validator = createValidator({ object: DEAL, operation: options.operation ?? "insert", headers, mapping, externalIdField: options.externalIdField });
  const problems = rows.flatMap((values, i) => validator.check(i + 1, values));
  return [...problems, ...validator.finish()];
}

/** A valid insert row for the required Deal fields, plus one column under test. */
function one(column: string, value: string, operation: BulkOperationName = "insert", mapping?: ColumnMapping): string[] {
  const headers = ["Name", "Stage__c", "Close_Date__c", column];
  return validate(headers, [["Deal", "Prospecting", "2024-05-01", value]], { operation, mapping }).map((p) => p.message);
}

describe("required fields", () => {
  it("insert: every createable, non-nillable, not defaulted, non-boolean field must be mapped", () => {
    const problems = validate(["Name"], [["Acme"]]);
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [0, "Stage__c"],
      [0, "Close_Date__c"],
    ]);
    expect(problems[0].message).toBe("Stage (Stage__c) is required: map a column to it or set a constant.");
  });

  it("insert: a constant satisfies a required field, and empty cells are reported per row", () => {
    const problems = validate(["Name", "Close_Date__c"], [["A", "2024-01-01"], ["", "2024-01-02"], ["C", "#N/A"]], {
      mapping: { columns: { Name: "Name", Close_Date__c: "Close_Date__c" }, constants: { Stage__c: "Closed Won" } },
    });
    expect(problems).toEqual([
      { row: 2, column: "Name", field: "Name", message: "Deal Name (Name) is required and empty." },
      { row: 3, column: "Close_Date__c", field: "Close_Date__c", message: "Close Date (Close_Date__c) is required and empty." },
    ]);
  });

  it("update and delete need Id on every row and nothing else", () => {
    expect(validate(["Name"], [["A"]], { operation: "update" }).map((p) => p.message)).toEqual(["Record ID (Id) is required: map a column to it."]);
    expect(validate(["Id", "Name"], [["", "A"]], { operation: "update" })).toEqual([
      { row: 1, column: "Id", field: "Id", message: "Record ID (Id) is required and empty." },
    ]);
    expect(validate(["Id"], [["001D000000IqhSLIAZ"], [""]], { operation: "hardDelete" })).toEqual([
      { row: 2, column: "Id", field: "Id", message: "Record ID (Id) is required and empty." },
    ]);
  });

  it("delete refuses any column other than Id", () => {
    expect(validate(["Id", "Name"], [["001D000000IqhSLIAZ", "A"]], { operation: "delete" }).map((p) => p.message)).toEqual([
      'Column "Name": Deal Name (Name) cannot be set when records are deleted.',
    ]);
  });

  it("upsert needs only its external id on each row, which must be a real external id", () => {
    const headers = ["Deal_Code__c", "Seats__c"];
    expect(validate(headers, [["D-1", "3"], ["", "4"]], { operation: "upsert", externalIdField: "Deal_Code__c" })).toEqual([
      { row: 2, column: "Deal_Code__c", field: "Deal_Code__c", message: "Deal Code (Deal_Code__c) is empty; upsert needs it to find or create the record." },
    ]);
    expect(validate(headers, [["D-1", "3"]], { operation: "upsert" }).map((p) => p.message)).toEqual([
      "Choose the external id field that upsert matches records on.",
    ]);
    expect(validate(headers, [["D-1", "3"]], { operation: "upsert", externalIdField: "Seats__c" }).map((p) => p.message)).toEqual([
      "Seats__c is not an external id field of Deal, so upsert cannot match on it.",
    ]);
    expect(validate(["Name"], [["A"]], { operation: "upsert", externalIdField: "Deal_Code__c" }).map((p) => p.message)).toEqual([
      "Deal Code (Deal_Code__c) is required: map a column to it.",
    ]);
  });

  it("never asks for booleans, defaulted or non-createable fields on insert", () => {
    const problems = validate(["Name", "Stage__c", "Close_Date__c"], [["A", "Prospecting", "2024-01-01"]]);
    expect(problems).toEqual([]);
  });
});

describe("types", () => {
  it("numbers: integers, digits, decimals and precision", () => {
    expect(one("Seats__c", "abc")).toEqual(['"abc" is not a whole number (Seats is an integer field)']);
    expect(one("Seats__c", "1.5")).toEqual(['"1.5" is not a whole number (Seats is an integer field)']);
    expect(one("Seats__c", "12345")).toEqual(['"12345" has 5 digits (Seats allows at most 4)']);
    expect(one("Seats__c", "-0042")).toEqual([]);
    expect(one("Amount__c", "1,000.00")).toEqual(['"1,000.00" is not a number (Amount is a currency field; use digits and a "." for decimals)']);
    expect(one("Amount__c", "999999.999")).toEqual([]);
    expect(one("Amount__c", "1000000")).toEqual(['"1000000" is too large (Amount allows 6 digits before the decimal point)']);
    expect(one("Probability__c", "1e2")).toEqual([]);
    expect(one("Views__c", "12345678901234567890")).toEqual(['"12345678901234567890" has 20 digits (Views allows at most 18)']);
    expect(one("Views__c", "1.0")).toEqual(['"1.0" is not a whole number (Views is a long integer field)']);
    expect(one("Probability__c", "50%")).toEqual(['"50%" is not a number (Probability (%) is a percent field; use digits and a "." for decimals)']);
  });

  it("booleans: true/false, 1/0, yes/no in any case", () => {
    for (const value of ["TRUE", "false", "1", "0", "Yes", "NO"]) expect(one("Is_Won__c", value)).toEqual([]);
    expect(one("Is_Won__c", "maybe")).toEqual(['"maybe" is not true/false, 1/0 or yes/no (Won is a checkbox field)']);
  });

  it("emails, times and lenient urls", () => {
    expect(one("Contact_Email__c", "ann@example.com")).toEqual([]);
    expect(one("Contact_Email__c", "ann at example.com")).toEqual(['"ann at example.com" is not an email address (Contact Email is an email field)']);
    expect(one("Call_Time__c", "09:30:00.000Z")).toEqual([]);
    expect(one("Call_Time__c", "9.30")).toEqual(['"9.30" is not a time in HH:mm:ss (Call Time is a time field)']);
    expect(one("Website__c", "example.com/about us")).toEqual([]);
  });

  it("dates without a format must be ISO; with one, they are read in it", () => {
    expect(one("Close_Date__c", "2024-02-30").length).toBe(1);
    const wrong = validate(["Name", "Stage__c", "Close_Date__c"], [["A", "Prospecting", "5/1/2024"]]);
    expect(wrong.map((p) => p.message)).toEqual([
      '"5/1/2024" is not a date in YYYY-MM-DD (Close Date is a date field; choose the column\'s date format in the mapping)',
    ]);
    const mapping: ColumnMapping = {
      columns: { Name: "Name", Stage__c: "Stage__c", Close_Date__c: "Close_Date__c", Signed: "Signed_At__c" },
      dates: { Close_Date__c: { kind: "date", format: "dmy" }, Signed: { kind: "datetime", format: "mdy", timeZone: "America/New_York" } },
    };
    const headers = ["Name", "Stage__c", "Close_Date__c", "Signed"];
    expect(validate(headers, [["A", "Prospecting", "31/01/2024", "1/31/2024 5:00 PM"]], { mapping })).toEqual([]);
    expect(validate(headers, [["A", "Prospecting", "01/31/2024", "31/1/2024 17:00"]], { mapping }).map((p) => p.message)).toEqual([
      '"01/31/2024" is not a date in DD/MM/YYYY (Close Date is a date field)',
      '"31/1/2024 17:00" is not a date/time in MM/DD/YYYY hh:mm[:ss] (Signed At is a date/time field)',
    ]);
    expect(one("Signed_At__c", "2024-01-31T17:00:00.000+0100")).toEqual([]);
    const swapped: ColumnMapping = { ...mapping, dates: { Close_Date__c: { kind: "datetime", format: "iso", timeZone: "UTC" } } };
    expect(validate(headers, [["A", "Prospecting", "2024-01-31", "2024-01-31T10:00:00Z"]], { mapping: swapped }).map((p) => p.message)).toEqual([
      'Column "Close_Date__c" is read as a date/time, but Close Date (Close_Date__c) is a date field; read it as a date.',
    ]);
    expect(one("Signed_At__c", "1650-01-01T00:00:00Z")).toEqual(['"1650-01-01T00:00:00Z" is outside Salesforce\'s date range (years 1700 to 4000)']);
  });

  it("ids: 15 characters, or 18 with a checksum that matches", () => {
    expect(one("Account__c", "001D000000IqhSL")).toEqual([]);
    expect(one("Account__c", "001D000000IqhSLIAZ")).toEqual([]);
    expect(one("Account__c", "001D000000IQHSLIAZ")).toEqual([]); // upper-cased by a spreadsheet: Salesforce restores it
    expect(one("Account__c", "001D000000IqhSLIAA")).toEqual(['"001D000000IqhSLIAA" has an invalid 18-character checksum (was it edited or cut?) (Account is a lookup field)']);
    expect(one("Account__c", "001D000000IqhSLIA9")).toEqual(['"001D000000IqhSLIA9" has an invalid 18-character checksum (Account is a lookup field)']);
    expect(one("Account__c", "001D000000IqhS")).toEqual(['"001D000000IqhS" is not a Salesforce id (15 or 18 letters and digits) (Account is a lookup field)']);
  });

  it("relationship columns are not checked as ids", () => {
    expect(one("Account__r.Deal_Code__c", "EXT-7")).toEqual([]);
  });
});

describe("lengths and picklists", () => {
  it("string lengths count characters", () => {
    expect(one("Deal_Code__c", "x".repeat(20))).toEqual([]);
    expect(one("Deal_Code__c", "x".repeat(21))).toEqual(['"xxxxxxxxxxxxxxxxxxxxx" is 21 characters long (Deal Code allows at most 20)']);
    expect(one("Contact_Email__c", `${"a".repeat(75)}@b.com`)[0]).toMatch(/is 81 characters long \(Contact Email allows at most 80\)$/);
  });

  it("restricted picklists accept active values only, case-sensitively, with a hint", () => {
    const stage = (value: string) => validate(["Name", "Stage__c", "Close_Date__c"], [["A", value, "2024-01-01"]]).map((p) => p.message);
    expect(stage("Closed Won")).toEqual([]);
    expect(stage("closed won")).toEqual(['"closed won" is not an allowed value of Stage (did you mean "Closed Won"?)']);
    expect(stage("Retired")).toEqual(['"Retired" is not an allowed value of Stage (allowed: "Prospecting", "Closed Won", "Closed Lost")']);
    expect(one("Source__c", "Trade Show")).toEqual([]);
  });

  it("multi-select picklists check every ;-separated value", () => {
    expect(one("Regions__c", "EMEA;APAC")).toEqual([]);
    expect(one("Regions__c", "EMEA; AMER")).toEqual([]);
    expect(one("Regions__c", "EMEA;LATAM")).toEqual(['"LATAM" is not an allowed value of Regions (allowed: "EMEA", "AMER", "APAC")']);
  });
});

describe("mapping and constants", () => {
  it("reports unknown fields, unknown relationships, fields the operation cannot set and double mappings as row 0", () => {
    const problems = validate(["Name", "Stage__c", "Close_Date__c", "X", "Y", "Z", "N2"], [["A", "Prospecting", "2024-01-01", "", "", "", ""]], {
      mapping: { columns: { Name: "Name", Stage__c: "Stage__c", Close_Date__c: "Close_Date__c", X: "Nope__c", Y: "Nope__r.Code", Z: "CreatedDate", N2: "name" } },
    });
    expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [0, "X", 'Column "X" is mapped to Nope__c, which Deal does not have.'],
      [0, "Y", 'Column "Y" is mapped to Nope__r.Code, but Deal has no such relationship (write RelationshipName.ExternalIdField, or Type:RelationshipName.Field when it can point to several objects).'],
      [0, "Z", 'Column "Z": Created Date (CreatedDate) cannot be set when records are inserted.'],
      [0, "N2", 'Columns "Name" and "N2" are both mapped to Deal Name (Name); map only one.'],
    ]);
  });

  it("checks constants once, as row 0", () => {
    const validator = createValidator({
      object: DEAL,
      operation: "insert",
      headers: ["Name", "Close_Date__c"],
      mapping: { columns: { Name: "Name", Close_Date__c: "Close_Date__c" }, constants: { Stage__c: "Won", Seats__c: "ten", Nope__c: "1" } },
    });
    expect(validator.check(1, ["A", "2024-01-01"])).toEqual([]);
    expect(validator.check(2, ["B", "2024-01-01"])).toEqual([]);
    expect(validator.finish()).toEqual([
      { row: 0, column: "(constant)", field: "Stage__c", message: 'Constant: "Won" is not an allowed value of Stage (allowed: "Prospecting", "Closed Won", "Closed Lost")' },
      { row: 0, column: "(constant)", field: "Seats__c", message: 'Constant: "ten" is not a whole number (Seats is an integer field)' },
      { row: 0, column: "(constant)", field: "Nope__c", message: "The constant for Nope__c names a field Deal does not have." },
    ]);
  });

  it("checks nothing for query jobs", () => {
    const validator = createValidator({ object: DEAL, operation: "query", headers: ["Seats__c"], mapping: {} });
    expect(validator.check(1, ["abc"])).toEqual([]);
    expect(validator.finish()).toEqual([]);
  });
});

describe("duplicates", () => {
  it("reports every repeat of an upsert external id after its first row, case-insensitively", () => {
    const problems = validate(["Deal_Code__c"], [["D-1"], ["D-2"], ["d-1"], ["D-1"], ["D-2"]], { operation: "upsert", externalIdField: "Deal_Code__c" });
    expect(problems.map((p) => [p.row, p.message])).toEqual([
      [3, '"d-1" repeats row 1 (Deal Code must be unique within the file)'],
      [4, '"D-1" repeats row 1 (Deal Code must be unique within the file)'],
      [5, '"D-2" repeats row 2 (Deal Code must be unique within the file)'],
    ]);
  });

  it("treats a 15- and an 18-character id of one record as the same, but not ids differing in case", () => {
    const problems = validate(["Id"], [["001D000000IqhSL"], ["001D000000IqhSLIAZ"], ["001D000000IQHSLIAZ"], ["001D000000Iqhsl"]], { operation: "update" });
    expect(problems.map((p) => p.row)).toEqual([2, 3]);
  });

  it("reports duplicates of unique fields on insert, as rows stream, only in finish()", () => {
    const validator = createValidator({
      object: DEAL,
      operation: "insert",
      headers: ["Name", "Deal_Code__c"],
      mapping: { columns: { Name: "Name", Deal_Code__c: "Deal_Code__c" }, constants: { Stage__c: "Prospecting", Close_Date__c: "2024-01-01" } },
    });
    expect(validator.check(1, ["A", "X"])).toEqual([]);
    expect(validator.check(2, ["A", "X"])).toEqual([]);
    expect(validator.finish()).toEqual([{ row: 2, column: "Deal_Code__c", field: "Deal_Code__c", message: '"X" repeats row 1 (Deal Code must be unique within the file)' }]);
  });
});

describe("against the emulator's Account", () => {
  it("flags what the emulator would refuse in a realistic file", () => {
    const account = emulatorObject("Account");
    const headers = ["Account Name", "Employees", "Billing Email", "Parent.External_Id__c", "Industry", "External Id"];
    const mapping: ColumnMapping = {
      columns: { "Account Name": "Name", Employees: "NumberOfEmployees", "Billing Email": "Billing_Email__c", "Parent.External_Id__c": "Parent.External_Id__c", Industry: "Industry", "External Id": "External_Id__c" },
    };
    const validator = createValidator({ object: account, operation: "insert", headers, mapping });
    const rows = [
      ["Acme", "120", "ap@acme.test", "", "Banking", "A-1"],
      ["", "many", "nope", "P-1", "Not an industry", "A-1"],
    ];
    const problems = [...rows.flatMap((row, i) => validator.check(i + 1, row)), ...validator.finish()];
    expect(problems.map((p) => `${p.row} ${p.field}`)).toEqual(["2 Name", "2 NumberOfEmployees", "2 Billing_Email__c", "2 External_Id__c"]);
  });
});
