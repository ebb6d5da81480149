/**
 * The part of an sObject describe that pre-flight needs, parsed from the REST
 * `/sobjects/{Object}/describe` JSON. Runs in the browser (Web Worker) and in Node: zod only.
 */
import { z } from "zod";

export type BulkOperationName = "insert" | "update" | "upsert" | "delete" | "hardDelete" | "query" | "queryAll";

export interface FieldInfo {
  name: string;
  label: string;
  /** Salesforce describe type: id, string, textarea, picklist, multipicklist, boolean, int, double, currency, percent, date, datetime, time, email, phone, url, reference, … */
  type: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  externalId: boolean;
  idLookup: boolean;
  unique: boolean;
  picklistValues: { value: string; active: boolean }[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  precision: number;
  scale: number;
  digits: number;
  /** Unique/external-id values compare case-sensitively only when this is true (describe `caseSensitive`). */
  caseSensitive?: boolean;
}

export interface ObjectInfo {
  name: string;
  label: string;
  fields: FieldInfo[];
}

// Salesforce sends null for many "absent" values; null and missing both take the default.
const bool = (fallback: boolean) => z.boolean().nullish().transform((v) => v ?? fallback);
const num = z.number().nullish().transform((v) => v ?? 0);

const picklistValueSchema = z.object({
  value: z.string(),
  active: bool(true),
});

const fieldSchema = z.object({
  name: z.string().min(1),
  label: z.string().nullish(),
  type: z.string().min(1),
  length: num,
  nillable: bool(true),
  createable: z.boolean().nullish(),
  updateable: z.boolean().nullish(),
  defaultedOnCreate: bool(false),
  externalId: bool(false),
  idLookup: bool(false),
  unique: bool(false),
  caseSensitive: bool(false),
  picklistValues: z.array(picklistValueSchema).nullish().transform((v) => v ?? []),
  restrictedPicklist: bool(false),
  referenceTo: z.array(z.string()).nullish().transform((v) => v ?? []),
  relationshipName: z.string().nullish().transform((v) => v ?? null),
  precision: num,
  scale: num,
  digits: num,
});

const describeSchema = z.object({
  name: z.string().min(1),
  label: z.string().nullish(),
  fields: z.array(fieldSchema),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(top level)"}: ${issue.message}`)
    .join("; ");
}

/** Parses a describe body; throws an Error naming the first bad keys when it is not one. */
export function toObjectInfo(describe: unknown): ObjectInfo {
  const parsed = describeSchema.safeParse(describe);
  if (!parsed.success) throw new Error(`Not an sObject describe: ${describeIssues(parsed.error)}`);
  const { name, label, fields } = parsed.data;
  return {
    name,
    label: label ?? name,
    // Without createable/updateable nothing is hidden: Salesforce has the last word on such fields. An id never is.
    fields: fields.map((field) => ({
      ...field,
      label: field.label ?? field.name,
      createable: field.createable ?? field.type !== "id",
      updateable: field.updateable ?? field.type !== "id",
    })),
  };
}

/** Case-insensitive field lookup by API name (Salesforce field names are case-insensitive). */
export function findField(object: ObjectInfo, name: string): FieldInfo | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((field) => field.name.toLowerCase() === lower);
}
