import { describe, expect, it } from "vitest";
import { partCount, planPart } from "../../../lib/results/split";

describe("query results split into files of N rows", () => {
  const pages = [1_000, 1_000, 500];

  it("reads only the pages a part needs, skipping into the first and stopping in the last", () => {
    expect(planPart(pages, 700, 1)).toEqual([{ index: 0, skip: 0, take: 700 }]);
    expect(planPart(pages, 700, 2)).toEqual([
      { index: 0, skip: 700, take: 300 },
      { index: 1, skip: 0, take: 400 },
    ]);
    expect(planPart(pages, 700, 3)).toEqual([
      { index: 1, skip: 400, take: 600 },
      { index: 2, skip: 0, take: 100 },
    ]);
    expect(planPart(pages, 700, 4)).toEqual([{ index: 2, skip: 100, take: 400 }]);
  });

  it("covers every row exactly once across the parts", () => {
    const parts = partCount(2_500, 700);
    expect(parts).toBe(4);
    const taken = Array.from({ length: parts }, (_, i) => planPart(pages, 700, i + 1).reduce((sum, s) => sum + s.take, 0));
    expect(taken).toEqual([700, 700, 700, 400]);
    expect(planPart(pages, 700, 5)).toEqual([]);
  });

  it("has one (empty) part for an empty result", () => {
    expect(partCount(0, 100)).toBe(1);
    expect(planPart([], 100, 1)).toEqual([]);
  });
});
