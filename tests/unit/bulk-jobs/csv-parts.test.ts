import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { splitIntoParts } from "../../../lib/bulk-jobs/csv-parts";

describe("splitIntoParts", () => {
  it("keeps quoted commas, quotes and newlines inside one row", () => {
    const rows = [["a,b", 'say "hi"', "line1\nline2"], ["plain", "", "x"]];
    const parts = splitIntoParts(rows);
    expect(parts).toHaveLength(1);
    expect(Papa.parse<string[]>(parts[0], { skipEmptyLines: true }).data).toEqual(rows);
  });

  it("cuts parts under 4 MB on row boundaries and loses no row", () => {
    const rows = Array.from({ length: 9000 }, (_, index) => [String(index), "é".repeat(500)]);
    const parts = splitIntoParts(rows);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(4 * 1024 * 1024);
      expect(part.endsWith("\n")).toBe(true);
    }
    const back = parts.flatMap((part) => Papa.parse<string[]>(part, { skipEmptyLines: true }).data);
    expect(back).toEqual(rows);
  });
});
