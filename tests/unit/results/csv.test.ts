import { describe, expect, it } from "vitest";
import { csvCell, csvLine, escapeFormula } from "../../../lib/results/csv";

describe("spreadsheet-safe CSV", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["\0x", "'\0x"],
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["", ""],
  ])("escapes %j as %j", (input, output) => {
    expect(escapeFormula(input)).toBe(output);
  });

  it("quotes what needs quoting, after escaping", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvLine(["a", "=b", ""])).toBe("a,'=b,\r\n");
  });
});
