/** Declarative sObject metadata. One file per object; `registry.ts` lists them. */

export type FieldType =
  | "id"
  | "boolean"
  | "string"
  | "textarea"
  | "picklist"
  | "multipicklist"
  | "combobox"
  | "reference"
  | "currency"
  | "double"
  | "percent"
  | "int"
  | "date"
  | "datetime"
  | "email"
  | "phone"
  | "url";

export type StoredValue = string | number | boolean;

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Max characters for text types. */
  length?: number;
  /** Total digits and digits right of the decimal point for currency/double/percent. */
  precision?: number;
  scale?: number;
  /** Not nillable and not defaulted: inserts without it fail with REQUIRED_FIELD_MISSING. */
  required?: boolean;
  createable?: boolean;
  updateable?: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  unique?: boolean;
  nameField?: boolean;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  /** Value set on insert when the row leaves the field empty. */
  defaultValue?: StoredValue;
  referenceTo?: string[];
  relationshipName?: string;
  /** Server-computed fields (Contact.Name, Opportunity.IsClosed…), recomputed on every write. */
  compute?: (fields: Record<string, StoredValue>) => StoredValue | undefined;
  /** Auto-number fields (Case.CaseNumber): formatted from the record's sequence number. */
  autoNumber?: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  /** Has OwnerId (reference to User) defaulting to the running user. */
  owned: boolean;
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  fields: FieldDef[];
}

/** An object with its system fields added and lookup maps built. */
export interface ObjectMeta extends ObjectDef {
  custom: boolean;
  fieldsByLowerName: Map<string, FieldDef>;
  /** Reference fields by lower-cased relationship name (`account` → AccountId). */
  relationshipsByLowerName: Map<string, FieldDef>;
  /** Fields stored in emulator.record_keys (external ids, idLookup and unique fields except Id). */
  keyFields: FieldDef[];
  /** Precomputed subsets, so per-row DML work does not scan every field. */
  uniqueFieldNames: string[];
  defaultedFields: FieldDef[];
  requiredFields: FieldDef[];
  computedFields: FieldDef[];
  autoNumberFields: FieldDef[];
  referenceFieldNames: Set<string>;
}
