import type { FieldDef, ObjectMeta, StoredValue } from "../../objects";
import type { DmlError, DmlRowResult, Queryable } from "../types";

export interface DmlContext {
  /** The open transaction every statement of the batch runs in. */
  client: Queryable;
  orgId: string;
  userId: string;
  meta: ObjectMeta;
  /** ISO timestamp shared by every row of the batch. */
  now: string;
  /** Seeding: system fields may be written and createable/updateable checks are skipped. */
  system: boolean;
  results: DmlRowResult[];
  /** Whether this transaction holds the (org, object) key lock (see keys.ts). */
  keysLocked: boolean;
}

interface Lookup {
  reference: FieldDef;
  target: ObjectMeta;
  lookupField: FieldDef;
  value: StoredValue;
}

/** One input row after column interpretation. */
export interface ParsedRow {
  index: number;
  /** Field name → new value (null = set null). */
  changes: Map<string, StoredValue | null>;
  /** Fields the row sets (including null), for createable/updateable checks. */
  present: FieldDef[];
  lookups: Lookup[];
  /** Raw Id column value, when present and non-empty. */
  rawId?: string;
  error?: DmlError;
}

export function fail(ctx: DmlContext, index: number, error: DmlError, id: string | null = null): void {
  ctx.results[index] = { id, success: false, created: false, errors: [error] };
}

export function succeed(ctx: DmlContext, index: number, id: string, created: boolean): void {
  ctx.results[index] = { id, success: true, created, errors: [] };
}
