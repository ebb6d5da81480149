/**
 * Pre-flight validation of a CSV against describe, row by row, before anything goes to Salesforce.
 * `check` is called once per data row (streaming, from a Web Worker); `finish` adds what only the
 * whole file can tell: mapping problems (row 0) and duplicate keys.
 */
import type { ColumnMapping } from "../jobs/projection";
import { quote, type ValueCheck } from "./field-checks";
import { idKey } from "./ids";
import type { BulkOperationName, FieldInfo, ObjectInfo } from "./object-info";
import { setupProblems, type Setup } from "./validate-setup";

export interface RowProblem {
  /** 1-based data row (the header is not counted); 0 for the mapping or a constant. */
  row: number;
  column: string;
  field: string;
  message: string;
}

export interface ValidatorInput {
  object: ObjectInfo;
  operation: BulkOperationName;
  headers: string[];
  mapping: ColumnMapping;
  externalIdField?: string;
}

interface Validator {
  check(row: number, values: string[]): RowProblem[];
  /** Mapping and constant problems (row 0) first, then every repeat of a duplicate key. */
  finish(): RowProblem[];
}

/** A mapped column the validator reads. */
export interface CheckedColumn {
  index: number;
  header: string;
  field: FieldInfo;
  check: ValueCheck | null;
  /** Message when the cell is empty, for required fields and keys. */
  requiredMessage: string | null;
  /** Repeats are reported: the upsert key, Id for update/delete, unique fields. */
  unique: boolean;
}

// Salesforce reads `#N/A` as "no value" in Bulk CSV.
const isEmpty = (value: string) => value === "" || value === "#N/A";

function keyOf(field: FieldInfo, value: string): string {
  if (field.type === "id") return idKey(value);
  return field.caseSensitive ? value : value.toLowerCase();
}

export function createValidator(input: ValidatorInput): Validator {
  const setup: Setup = setupProblems(input);
  const columns = setup.columns;
  const seen = columns.map(() => new Map<string, number>());
  const duplicates: RowProblem[] = [];

  return {
    check(row, values) {
      const problems: RowProblem[] = [];
      for (let c = 0; c < columns.length; c += 1) {
        const column = columns[c];
        const value = (values[column.index] ?? "").trim();
        if (isEmpty(value)) {
          if (column.requiredMessage) problems.push({ row, column: column.header, field: column.field.name, message: column.requiredMessage });
          continue;
        }
        const message = column.check?.(value) ?? null;
        if (message) problems.push({ row, column: column.header, field: column.field.name, message });
        if (!column.unique) continue;
        const key = keyOf(column.field, value);
        const first = seen[c].get(key);
        if (first === undefined) {
          seen[c].set(key, row);
          continue;
        }
        duplicates.push({
          row,
          column: column.header,
          field: column.field.name,
          message: `${quote(value)} repeats row ${first} (${column.field.label} must be unique within the file)`,
        });
      }
      return problems;
    },
    finish() {
      return [...setup.problems, ...duplicates];
    },
  };
}
