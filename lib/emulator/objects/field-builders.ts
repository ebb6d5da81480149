import type { FieldDef } from "./types";

type Extra = Partial<FieldDef>;

export const text = (name: string, label: string, length: number, extra: Extra = {}): FieldDef => ({
  name,
  label,
  type: "string",
  length,
  ...extra,
});

export const longText = (name: string, label: string, length = 32000, extra: Extra = {}): FieldDef => ({
  name,
  label,
  type: "textarea",
  length,
  ...extra,
});

export const email = (name: string, label: string, extra: Extra = {}): FieldDef => ({
  name,
  label,
  type: "email",
  length: 80,
  ...extra,
});

export const phone = (name: string, label: string, extra: Extra = {}): FieldDef => ({
  name,
  label,
  type: "phone",
  length: 40,
  ...extra,
});

export const url = (name: string, label: string, extra: Extra = {}): FieldDef => ({
  name,
  label,
  type: "url",
  length: 255,
  ...extra,
});

export const picklist = (name: string, label: string, values: string[], extra: Extra = {}): FieldDef => ({
  name,
  label,
  type: "picklist",
  length: 255,
  picklistValues: values,
  ...extra,
});

export const number = (
  name: string,
  label: string,
  type: "currency" | "double" | "percent" | "int",
  precision: number,
  scale: number,
  extra: Extra = {},
): FieldDef => ({ name, label, type, precision, scale, ...extra });

export const checkbox = (name: string, label: string, extra: Extra = {}): FieldDef => ({
  name,
  label,
  type: "boolean",
  defaultValue: false,
  ...extra,
});

export const date = (name: string, label: string, extra: Extra = {}): FieldDef => ({ name, label, type: "date", ...extra });

export const dateTime = (name: string, label: string, extra: Extra = {}): FieldDef => ({
  name,
  label,
  type: "datetime",
  ...extra,
});

export const lookup = (
  name: string,
  label: string,
  referenceTo: string[],
  relationshipName: string,
  extra: Extra = {},
): FieldDef => ({ name, label, type: "reference", referenceTo, relationshipName, ...extra });

export const address = (prefix: string, labelPrefix: string): FieldDef[] => [
  longText(`${prefix}Street`, `${labelPrefix} Street`, 255),
  text(`${prefix}City`, `${labelPrefix} City`, 40),
  text(`${prefix}State`, `${labelPrefix} State/Province`, 80),
  text(`${prefix}PostalCode`, `${labelPrefix} Zip/Postal Code`, 20),
  text(`${prefix}Country`, `${labelPrefix} Country`, 80),
];

export const fullName = (fields: Record<string, unknown>): string | undefined => {
  const parts = [fields.FirstName, fields.LastName].filter((part) => typeof part === "string" && part !== "");
  return parts.length > 0 ? parts.join(" ") : undefined;
};
