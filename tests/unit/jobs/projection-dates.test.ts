import { describe, expect, it } from "vitest";
import { buildProjection, columnMappingSchema } from "../../../lib/jobs/projection";

describe("column mapping dates", () => {
  it("converts mapped date and datetime columns to Salesforce's ISO forms", () => {
    const mapping = columnMappingSchema.parse({
      columns: { Name: "Name", Closes: "CloseDate", Signed: "Signed_At__c" },
      dates: { Closes: { kind: "date", format: "dmy" }, Signed: { kind: "datetime", format: "mdy", timeZone: "America/New_York" } },
    });
    const projection = buildProjection(["Name", "Closes", "Signed"], mapping);
    expect(projection.header).toEqual(["Name", "CloseDate", "Signed_At__c"]);
    expect(projection.project(["Acme", "10/03/2024", "3/10/2024 2:30 AM"])).toEqual(["Acme", "2024-03-10", "2024-03-10T07:30:00.000Z"]);
    expect(projection.project(["Acme", "", ""])).toEqual(["Acme", "", ""]);
  });

  it("passes a value that does not convert through unchanged, for Salesforce to report on its row", () => {
    const projection = buildProjection(["D"], { columns: { D: "CloseDate" }, dates: { D: { kind: "date", format: "mdy" } } });
    expect(projection.project(["31/12/2024"])).toEqual(["31/12/2024"]);
  });

  it("converts dates when only dates are given (every column sent as-is otherwise)", () => {
    const projection = buildProjection(["Name", "CloseDate"], { dates: { CloseDate: { kind: "date", format: "mdy" } } });
    expect(projection.header).toEqual(["Name", "CloseDate"]);
    expect(projection.project(["A", "1/2/2024"])).toEqual(["A", "2024-01-02"]);
  });

  it("never shifts a date by a day, whatever the zone the process runs in", () => {
    const projection = buildProjection(["D"], { columns: { D: "CloseDate" }, dates: { D: { kind: "date", format: "iso" } } });
    expect(projection.project(["2024-3-31"])).toEqual(["2024-03-31"]);
  });

  it("requires a real IANA time zone for datetime columns", () => {
    const datetime = (timeZone?: string) => columnMappingSchema.safeParse({ dates: { S: { kind: "datetime", format: "iso", timeZone } } });
    expect(datetime("Europe/Berlin").success).toBe(true);
    const missing = datetime(undefined);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ["dates", "S", "timeZone"], message: "A datetime column needs the time zone its values are written in." });
    const unknown = datetime("Europe/Atlantis");
    expect(unknown.error?.issues[0].message).toBe('Unknown time zone "Europe/Atlantis" (use an IANA name such as Europe/Berlin).');
    expect(columnMappingSchema.safeParse({ dates: { S: { kind: "date", format: "ymd" } } }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ dates: { S: { kind: "date", format: "iso" } } }).success).toBe(true);
  });
});
