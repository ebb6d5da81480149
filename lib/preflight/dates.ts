/**
 * Date and datetime conversion to Salesforce's ISO forms. A date is a calendar day and never goes
 * through a time zone, so it cannot shift by a day. A datetime without an offset is wall-clock time
 * in the chosen IANA zone, resolved with Intl offsets:
 * - a wall time that happens twice (clocks go back) is the EARLIER instant (the daylight-time one);
 * - a wall time that never happens (clocks go forward) is moved forward by the gap (02:30 → 03:30),
 * which is what java.time, Temporal ("compatible") and most spreadsheets do.
 */
export type DateFormat = "iso" | "mdy" | "dmy";

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: "YYYY-MM-DD",
  mdy: "MM/DD/YYYY",
  dmy: "DD/MM/YYYY",
};

interface Day {
  year: number;
  month: number;
  day: number;
}

const DATE_PART: Record<DateFormat, RegExp> = {
  iso: /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/,
  mdy: /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})/,
  dmy: /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})/,
};

const TIME_PART = /^(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp][Mm])?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function isCalendarDay({ year, month, day }: Day): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= lengths[month - 1];
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Date.UTC, without its mapping of years 0-99 to 1900-1999. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return year >= 0 && year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

/** The calendar day at the start of `text`, and the rest of the text. */
function readDay(text: string, format: DateFormat): { day: Day; rest: string } | null {
  const match = DATE_PART[format].exec(text);
  if (!match) return null;
  const [whole, a, , b, c] = match;
  const day =
    format === "iso"
      ? { year: Number(a), month: Number(b), day: Number(c) }
      : format === "mdy"
        ? { year: Number(c), month: Number(a), day: Number(b) }
        : { year: Number(c), month: Number(b), day: Number(a) };
  return isCalendarDay(day) ? { day, rest: text.slice(whole.length) } : null;
}

/** `YYYY-MM-DD`, "" for an empty value, or null when the value is not a real day in `format`. */
export function convertDate(value: string, format: DateFormat): string | null {
  const text = value.trim();
  if (text === "") return "";
  const read = readDay(text, format);
  if (!read || read.rest !== "") return null;
  const { year, month, day } = read.day;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows `timeZone` as an IANA zone (or UTC). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Minutes the zone is ahead of UTC at `epochMs`. */
function offsetMinutes(timeZone: string, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== "literal" && part.type !== "era") parts[part.type] = Number(part.value);
  }
  const wall = utcMs(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - (epochMs - (((epochMs % 1000) + 1000) % 1000))) / 60_000);
}

const DAY_MS = 86_400_000;
const QUARTER_MS = 15 * 60_000;
/** Per zone: UTC day → offset, for days without a change; UTC quarter hour → offset, on days with one. */
const offsetCaches = new Map<string, { days: Map<number, number>; quarters: Map<number, number> }>();

/** The offset when the zone keeps one offset from `start` for `length` ms (no zone changes twice and back that fast). */
function constantOffset(timeZone: string, start: number, length: number): number | undefined {
  const offset = offsetMinutes(timeZone, start);
  return offset === offsetMinutes(timeZone, start + length - 1) ? offset : undefined;
}

/**
 * offsetMinutes through a cache (Intl is slow: tens of µs a call). Days without a change are cached
 * whole; on the day of a change, quarter hours are (zones change on a quarter hour); the quarter
 * holding the change itself is computed exactly every time.
 */
function cachedOffset(timeZone: string, epochMs: number): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) offsetCaches.set(timeZone, (cache = { days: new Map(), quarters: new Map() }));
  const day = Math.floor(epochMs / DAY_MS);
  const quarter = Math.floor(epochMs / QUARTER_MS);
  const known = cache.days.get(day) ?? cache.quarters.get(quarter);
  if (known !== undefined) return known;
  if (cache.days.size + cache.quarters.size >= 100_000) [cache.days, cache.quarters].forEach((map) => map.clear());
  const daily = constantOffset(timeZone, day * DAY_MS, DAY_MS);
  if (daily !== undefined) {
    cache.days.set(day, daily);
    return daily;
  }
  const quarterly = constantOffset(timeZone, quarter * QUARTER_MS, QUARTER_MS);
  if (quarterly === undefined) return offsetMinutes(timeZone, epochMs);
  cache.quarters.set(quarter, quarterly);
  return quarterly;
}

/** The UTC instant of a wall-clock time in `timeZone` (see the file comment for gaps and overlaps). */
function zonedToUtc(wallMs: number, timeZone: string): number {
  const before = cachedOffset(timeZone, wallMs - DAY_MS);
  const after = cachedOffset(timeZone, wallMs + DAY_MS);
  const early = wallMs - before * 60_000;
  if (before === after) return early;
  const late = wallMs - after * 60_000;
  const earlyFits = cachedOffset(timeZone, early) === before;
  const lateFits = cachedOffset(timeZone, late) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (lateFits) return late;
  // Fits, or in a gap: the offset in force before the change carries the wall time forward past the gap.
  return early;
}

function readOffset(zone: string): number | null {
  if (zone === "Z") return 0;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC), "" for an empty value, or null when the value is not a real
 * date and time. The date part follows `format`; the time is `H:mm[:ss[.fff]]` with optional AM/PM,
 * after `T` or a space, and may be left out (midnight). A `Z` or `±hh[:mm]` offset is honoured;
 * otherwise the value is read in `timeZone` (a RangeError when Intl does not know that zone).
 */
export function convertDateTime(value: string, format: DateFormat, timeZone: string): string | null {
  const text = value.trim();
  if (text === "") return "";
  const read = readDay(text, format);
  if (!read) return null;
  const time = TIME_PART.exec(read.rest);
  if (!time) return null;
  const [, h = "0", mi = "0", s = "0", fraction = "", meridiem, zone] = time;
  let hour = Number(h);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === "pm" ? 12 : 0);
  }
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  const { year, month, day } = read.day;
  const wallMs = utcMs(year, month, day, hour, minute, second, millis);
  let instant: number;
  if (zone) {
    const offset = readOffset(zone);
    if (offset === null) return null;
    instant = wallMs - offset * 60_000;
  } else {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
    instant = zonedToUtc(wallMs, timeZone);
  }
  return new Date(instant).toISOString();
}
