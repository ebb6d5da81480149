import { describe, expect, it } from "vitest";
import { decodeOutcomes, encodeOutcomes, outcomesFromV1, outcomesFromV2, uniformOutcomes } from "../../../lib/results/outcomes";

describe("row outcomes", () => {
  it("maps v1 results to rows by position and marks missing results", () => {
    const csv = '"Id","Success","Created","Error"\n"001A","true","true",""\n"","false","false","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:--"\n';
    expect(outcomesFromV1(csv, 11, 3)).toEqual([
      { row: 11, status: "s", id: "001A", created: true, error: "" },
      { row: 12, status: "f", id: "", created: false, error: "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:--" },
      { row: 13, status: "u", id: "", created: false, error: "Salesforce returned no result for this row." },
    ]);
  });

  it("matches unordered v2 results by the uploaded values, duplicates in order, re-rendered values by fallback", () => {
    const uploaded = [
      { row: 1, values: ["a", "1"] },
      { row: 2, values: ["b", "2"] },
      { row: 3, values: ["a", "1"] },
      { row: 4, values: ["c", "912260031"] },
      { row: 5, values: ["d", "5"] },
    ];
    const outcomes = outcomesFromV2(
      {
        successful: '"sf__Id","sf__Created",Name,N\n"001C","true","c","9.12260031E8"\n"001A1","true","a","1"\n"001A2","false","a","1"\n',
        failed: '"sf__Id","sf__Error",Name,N\n"","DUPLICATE_VALUE:dup","b","2"\n',
        unprocessed: "Name,N\nd,5\n",
      },
      ["Name", "N"],
      uploaded,
    );
    expect(outcomes.map((o) => [o.row, o.status, o.id, o.created])).toEqual([
      [1, "s", "001A1", true],
      [2, "f", "", false],
      [3, "s", "001A2", false],
      [4, "s", "001C", true],
      [5, "u", "", false],
    ]);
    expect(outcomes[1].error).toBe("DUPLICATE_VALUE:dup");
  });

  it("round-trips through the stored form, errors with commas and newlines included", () => {
    const outcomes = [...uniformOutcomes(1, 2, "f", 'bad, "very"\nbad'), { row: 3, status: "s" as const, id: "001X", created: true, error: "" }];
    expect(decodeOutcomes(encodeOutcomes(outcomes))).toEqual(outcomes);
  });
});
