/** Field-level conversion of input values to stored values, with Salesforce's per-field errors. */
import { getObjectByPrefix } from "../../objects";
import type { FieldDef, StoredValue } from "../../objects";
import { normalizeId } from "../ids";
import { storableText } from "../sanitize";
import type { DmlError } from "../types";
import { dmlError } from "./errors";

export type Coerced = { value: StoredValue } | { error: DmlError };

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|T.*)?$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TRUE_WORDS = new Set(["true", "1", "yes", "y", "on"]);
const FALSE_WORDS = new Set(["false", "0", "no", "n", "off"]);

const wrongType = (field: FieldDef, text: string): { error: DmlError } => ({
  error: dmlError("INVALID_TYPE_ON_FIELD_IN_RECORD", `${field.label}: value not of required type: ${text}`, [field.name]),
});

const outOfRange = (field: FieldDef, text: string): { error: DmlError } => ({
  error: dmlError("NUMBER_OUTSIDE_VALID_RANGE", `${field.label}: value outside of valid range on numeric field: ${text}`, [field.name]),
});

function validCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1700 && y <= 4000;
}

function coerceNumber(field: FieldDef, raw: string | number): Coerced {
  const text = String(raw).trim();
  const pattern = field.type === "int" ? INTEGER : DECIMAL;
  if (typeof raw === "number" ? !Number.isFinite(raw) || (field.type === "int" && !Number.isInteger(raw)) : !pattern.test(text)) {
    return wrongType(field, text);
  }
  const scale = field.scale ?? 0;
  const value = field.type === "int" ? Number(text) : Number(Number(text).toFixed(scale));
  const integerDigits = (field.precision ?? 18) - scale;
  if (Math.abs(Math.trunc(value)) >= 10 ** integerDigits) return outOfRange(field, text);
  return { value };
}

function coerceText(field: FieldDef, text: string): Coerced {
  if (field.length !== undefined && text.length > field.length) {
    return {
      error: dmlError("STRING_TOO_LONG", `${field.label}: data value too large: ${text} (max length=${field.length})`, [field.name]),
    };
  }
  if (field.type === "email" && !EMAIL.test(text)) {
    return { error: dmlError("INVALID_EMAIL_ADDRESS", `${field.label}: invalid email address: ${text}`, [field.name]) };
  }
  if (field.type === "picklist" && field.restrictedPicklist && !field.picklistValues?.includes(text)) {
    return {
      error: dmlError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", `${field.label}: bad value for restricted picklist field: ${text}`, [field.name]),
    };
  }
  return { value: text };
}

function coerceReference(field: FieldDef, text: string): Coerced {
  const id = normalizeId(text);
  if (!id) return { error: dmlError("MALFORMED_ID", `${field.label}: id value of incorrect type: ${text}`, [field.name]) };
  const target = getObjectByPrefix(id.slice(0, 3));
  if (field.type === "reference" && (!target || !field.referenceTo?.includes(target.name))) {
    return { error: dmlError("FIELD_INTEGRITY_EXCEPTION", `${field.label}: id value of incorrect type: ${text}`, [field.name]) };
  }
  return { value: id };
}

/** Converts one non-null input value for `field`. */
export function coerceValue(field: FieldDef, raw: string | number | boolean): Coerced {
  // Postgres text and jsonb refuse NUL and lone surrogates; Salesforce stores such input without failing.
  const text = typeof raw === "string" ? storableText(raw) : String(raw);
  switch (field.type) {
    case "boolean": {
      if (typeof raw === "boolean") return { value: raw };
      const lower = text.trim().toLowerCase();
      if (TRUE_WORDS.has(lower)) return { value: true };
      if (FALSE_WORDS.has(lower)) return { value: false };
      return wrongType(field, text);
    }
    case "int":
    case "double":
    case "currency":
    case "percent":
      return typeof raw === "boolean" ? wrongType(field, text) : coerceNumber(field, typeof raw === "string" ? text : raw);
    case "date": {
      const match = DATE.exec(text.trim());
      if (!match || !validCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return wrongType(field, text);
      return { value: `${match[1]}-${match[2]}-${match[3]}` };
    }
    case "datetime": {
      const match = DATETIME.exec(text.trim());
      if (!match || !validCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return wrongType(field, text);
      const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "0", zone = "Z"] = match;
      const offset = zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
      const ms = frac.padEnd(3, "0").slice(0, 3);
      const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
      if (Number.isNaN(date.getTime()) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return wrongType(field, text);
      return { value: date.toISOString() };
    }
    case "id":
    case "reference":
      return coerceReference(field, text);
    default:
      return coerceText(field, text);
  }
}

/** Text stored in emulator.record_keys: Salesforce matches external ids case-insensitively. */
export function keyValue(value: StoredValue): string {
  return typeof value === "string" ? value.toLowerCase() : String(value);
}
