/** One field's value checks, built once per column so a 100,000-row file is checked quickly. */
import type { DateColumn } from "../jobs/projection";
import { convertDate, convertDateTime, DATE_FORMAT_LABELS } from "./dates";
import { idProblem } from "./ids";
import type { FieldInfo } from "./object-info";

/** Returns why `value` (non-empty) is wrong for the field, in words, or null. */
export type ValueCheck = (value: string) => string | null;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?Z?$/;
const BOOLEAN = new Set(["true", "false", "1", "0", "yes", "no"]);
const TEXTUAL = new Set(["string", "textarea", "picklist", "multipicklist", "combobox", "email", "phone", "url", "encryptedstring"]);

const TYPE_NAMES: Record<string, string> = {
  int: "an integer",
  long: "a long integer",
  double: "a number",
  currency: "a currency",
  percent: "a percent",
  boolean: "a checkbox",
  date: "a date",
  datetime: "a date/time",
  time: "a time",
  email: "an email",
  id: "an id",
  reference: "a lookup",
  picklist: "a picklist",
  multipicklist: "a multi-select picklist",
};

/** `"value"` for messages, shortened so one huge cell cannot flood the problem list. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

const what = (field: FieldInfo) => `${field.label} is ${TYPE_NAMES[field.type] ?? `a ${field.type}`} field`;

function yearInRange(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= 1700 && year <= 4000;
}

function numberCheck(field: FieldInfo): ValueCheck {
  if (field.type === "int" || field.type === "long") {
    return (value) => {
      if (!INTEGER.test(value)) return `${quote(value)} is not a whole number (${what(field)})`;
      const digits = value.replace(/^[+-]?0*/, "").length;
      if (field.digits > 0 && digits > field.digits) return `${quote(value)} has ${digits} digits (${field.label} allows at most ${field.digits})`;
      return null;
    };
  }
  const integerDigits = field.precision - field.scale;
  return (value) => {
    if (!DECIMAL.test(value)) return `${quote(value)} is not a number (${what(field)}; use digits and a "." for decimals)`;
    if (field.precision > 0 && Math.abs(Math.trunc(Number(value))) >= 10 ** integerDigits) {
      return `${quote(value)} is too large (${field.label} allows ${integerDigits} digits before the decimal point)`;
    }
    return null;
  };
}

function dateCheck(field: FieldInfo, conversion: DateColumn | undefined): ValueCheck {
  const format = conversion?.format ?? "iso";
  const expected = DATE_FORMAT_LABELS[format];
  const datetime = (conversion?.kind ?? field.type) === "datetime";
  return (value) => {
    let converted: string | null;
    if (!conversion) {
      const strict = datetime ? ISO_DATETIME : ISO_DATE;
      converted = strict.test(value) ? (datetime ? convertDateTime(value, "iso", "UTC") : convertDate(value, "iso")) : null;
    } else {
      converted = datetime ? convertDateTime(value, format, conversion.timeZone ?? "UTC") : convertDate(value, format);
    }
    if (converted === null) {
      const hint = conversion ? "" : "; choose the column's date format in the mapping";
      return `${quote(value)} is not a ${datetime ? "date/time" : "date"} in ${expected}${datetime ? " hh:mm[:ss]" : ""} (${what(field)}${hint})`;
    }
    if (!yearInRange(converted)) return `${quote(value)} is outside Salesforce's date range (years 1700 to 4000)`;
    return null;
  };
}

function picklistCheck(field: FieldInfo): ValueCheck | null {
  if (!field.restrictedPicklist) return null;
  const active = new Set(field.picklistValues.filter((v) => v.active).map((v) => v.value));
  const byLower = new Map([...active].map((v) => [v.toLowerCase(), v]));
  const one = (value: string) => {
    if (active.has(value)) return null;
    const near = byLower.get(value.toLowerCase());
    const hint = near ? `did you mean ${quote(near)}?` : `allowed: ${[...active].slice(0, 8).map(quote).join(", ")}${active.size > 8 ? ", ..." : ""}`;
    return `${quote(value)} is not an allowed value of ${field.label} (${hint})`;
  };
  if (field.type !== "multipicklist") return one;
  return (value) => {
    for (const part of value.split(";")) {
      const problem = one(part.trim());
      if (problem) return problem;
    }
    return null;
  };
}

function typeCheck(field: FieldInfo, conversion: DateColumn | undefined): ValueCheck | null {
  switch (field.type) {
    case "int":
    case "long":
    case "double":
    case "currency":
    case "percent":
      return numberCheck(field);
    case "boolean":
      return (value) => (BOOLEAN.has(value.toLowerCase()) ? null : `${quote(value)} is not true/false, 1/0 or yes/no (${what(field)})`);
    case "date":
    case "datetime":
      return dateCheck(field, conversion);
    case "time":
      return (value) => (TIME.test(value) ? null : `${quote(value)} is not a time in HH:mm:ss (${what(field)})`);
    case "email":
      return (value) => (EMAIL.test(value) ? null : `${quote(value)} is not an email address (${what(field)})`);
    case "id":
    case "reference": {
      return (value) => {
        const problem = idProblem(value);
        return problem ? `${quote(value)} ${problem} (${what(field)})` : null;
      };
    }
    case "picklist":
    case "multipicklist":
      return picklistCheck(field);
    default:
      return null;
  }
}

/** All checks of one field, in the order a user would fix them: type first, then length. */
export function buildValueCheck(field: FieldInfo, conversion?: DateColumn): ValueCheck {
  const type = typeCheck(field, conversion);
  const maxLength = TEXTUAL.has(field.type) && field.length > 0 ? field.length : 0;
  return (value) => {
    const problem = type?.(value) ?? null;
    if (problem) return problem;
    if (maxLength > 0 && value.length > maxLength) {
      return `${quote(value)} is ${value.length} characters long (${field.label} allows at most ${maxLength})`;
    }
    return null;
  };
}
