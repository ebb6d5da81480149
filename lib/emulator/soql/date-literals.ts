/**
 * SOQL relative date literals as half-open UTC ranges [start, end). The emulated org's time zone is
 * UTC and weeks start on Sunday (en_US), so results only depend on the current instant.
 */
type Unit = "day" | "week" | "month" | "quarter" | "year";

const FIXED: Record<string, { unit: Unit; from: number; span: number }> = {
  YESTERDAY: { unit: "day", from: -1, span: 1 },
  TODAY: { unit: "day", from: 0, span: 1 },
  TOMORROW: { unit: "day", from: 1, span: 1 },
  LAST_WEEK: { unit: "week", from: -1, span: 1 },
  THIS_WEEK: { unit: "week", from: 0, span: 1 },
  NEXT_WEEK: { unit: "week", from: 1, span: 1 },
  LAST_MONTH: { unit: "month", from: -1, span: 1 },
  THIS_MONTH: { unit: "month", from: 0, span: 1 },
  NEXT_MONTH: { unit: "month", from: 1, span: 1 },
  LAST_QUARTER: { unit: "quarter", from: -1, span: 1 },
  THIS_QUARTER: { unit: "quarter", from: 0, span: 1 },
  NEXT_QUARTER: { unit: "quarter", from: 1, span: 1 },
  LAST_YEAR: { unit: "year", from: -1, span: 1 },
  THIS_YEAR: { unit: "year", from: 0, span: 1 },
  NEXT_YEAR: { unit: "year", from: 1, span: 1 },
  LAST_90_DAYS: { unit: "day", from: -90, span: 91 },
  NEXT_90_DAYS: { unit: "day", from: 1, span: 90 },
};

const WITH_N: Record<string, { unit: Unit; kind: "last" | "next" | "ago" }> = {
  LAST_N_DAYS: { unit: "day", kind: "last" },
  NEXT_N_DAYS: { unit: "day", kind: "next" },
  N_DAYS_AGO: { unit: "day", kind: "ago" },
  LAST_N_WEEKS: { unit: "week", kind: "last" },
  NEXT_N_WEEKS: { unit: "week", kind: "next" },
  N_WEEKS_AGO: { unit: "week", kind: "ago" },
  LAST_N_MONTHS: { unit: "month", kind: "last" },
  NEXT_N_MONTHS: { unit: "month", kind: "next" },
  N_MONTHS_AGO: { unit: "month", kind: "ago" },
  LAST_N_QUARTERS: { unit: "quarter", kind: "last" },
  NEXT_N_QUARTERS: { unit: "quarter", kind: "next" },
  N_QUARTERS_AGO: { unit: "quarter", kind: "ago" },
  LAST_N_YEARS: { unit: "year", kind: "last" },
  NEXT_N_YEARS: { unit: "year", kind: "next" },
  N_YEARS_AGO: { unit: "year", kind: "ago" },
};

export function isDateLiteralName(name: string): boolean {
  const upper = name.toUpperCase();
  return upper in FIXED || upper in WITH_N;
}

export function dateLiteralTakesN(name: string): boolean {
  return name.toUpperCase() in WITH_N;
}

/** Start of the unit containing `now`, shifted by `offset` units. */
function unitStart(now: Date, unit: Unit, offset: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  switch (unit) {
    case "day":
      return new Date(Date.UTC(y, m, d + offset));
    case "week":
      return new Date(Date.UTC(y, m, d - now.getUTCDay() + 7 * offset));
    case "month":
      return new Date(Date.UTC(y, m + offset, 1));
    case "quarter":
      return new Date(Date.UTC(y, m - (m % 3) + 3 * offset, 1));
    case "year":
      return new Date(Date.UTC(y + offset, 0, 1));
  }
}

export interface DateRange {
  start: Date;
  end: Date;
}

export function dateLiteralRange(name: string, n: number | undefined, now: Date = new Date()): DateRange {
  const upper = name.toUpperCase();
  const fixed = FIXED[upper];
  if (fixed) {
    return { start: unitStart(now, fixed.unit, fixed.from), end: unitStart(now, fixed.unit, fixed.from + fixed.span) };
  }
  const spec = WITH_N[upper];
  const count = n ?? 0;
  // LAST_N_DAYS includes today; the other LAST_N_* units end at the start of the current unit.
  if (spec.kind === "last") {
    const end = spec.unit === "day" ? 1 : 0;
    return { start: unitStart(now, spec.unit, end - count - (spec.unit === "day" ? 1 : 0)), end: unitStart(now, spec.unit, end) };
  }
  if (spec.kind === "next") return { start: unitStart(now, spec.unit, 1), end: unitStart(now, spec.unit, 1 + count) };
  return { start: unitStart(now, spec.unit, -count), end: unitStart(now, spec.unit, -count + 1) };
}
