import { describe, expect, it } from "vitest";
import { formatId, isValidId, normalizeId, to18 } from "../../../lib/emulator/org/ids";

describe("Salesforce ids", () => {
  it("computes the 18-char case-safety suffix", () => {
    // Known pairs from Salesforce documentation and real orgs.
    expect(to18("001D000000ISUr3")).toBe("001D000000ISUr3IAH");
    expect(to18("003D000000Q89kQ")).toBe("003D000000Q89kQIAR");
    expect(to18("001xx000003DHP0")).toBe("001xx000003DHP0AAO");
    expect(to18("001D000000ISUr3IAH")).toBe("001D000000ISUr3IAH");
    expect(() => to18("short")).toThrow();
  });

  it("normalizes 15-char and case-insensitive 18-char ids, rejecting malformed ones", () => {
    expect(normalizeId("001D000000ISUr3")).toBe("001D000000ISUr3IAH");
    expect(normalizeId("001d000000isur3iah")).toBe("001D000000ISUr3IAH");
    expect(normalizeId("001D000000ISUr3I!H")).toBeNull();
    expect(normalizeId("001D000000ISUr")).toBeNull();
    expect(isValidId("abc")).toBe(false);
  });

  it("formats sequence numbers so ids sort in creation order", () => {
    const ids = [1n, 61n, 62n, 3843n, 10n ** 12n].map((n) => formatId("001", n));
    expect(ids.every((id) => id.length === 18 && id.startsWith("001"))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(normalizeId(ids[2])).toBe(ids[2]);
  });
});
