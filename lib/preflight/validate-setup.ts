/** What a validator checks, worked out once from describe, the operation and the mapping; plus row-0 problems. */
import { externalIdFields, fitsOperation, relationshipFieldOf } from "./auto-map";
import { buildValueCheck } from "./field-checks";
import type { FieldInfo } from "./object-info";
import type { CheckedColumn, RowProblem, ValidatorInput } from "./validate";

export interface Setup {
  columns: CheckedColumn[];
  problems: RowProblem[];
}

const CONSTANT = "(constant)";

const named = (field: FieldInfo) => (field.label === field.name ? field.name : `${field.label} (${field.name})`);

const OPERATION_VERB: Record<string, string> = { insert: "inserted", update: "updated", upsert: "upserted", delete: "deleted", hardDelete: "hard-deleted" };

/** Fields an insert must carry: Salesforce's REQUIRED_FIELD_MISSING rule (booleans always have a value). */
function requiredForInsert(field: FieldInfo): boolean {
  return field.createable && !field.nillable && !field.defaultedOnCreate && field.type !== "boolean";
}

/** The key every row must carry for the operation, or null (insert has none). */
function keyFieldName(input: ValidatorInput): string | null {
  if (input.operation === "upsert") return input.externalIdField ?? null;
  if (["update", "delete", "hardDelete"].includes(input.operation)) return "Id";
  return null;
}

export function setupProblems(input: ValidatorInput): Setup {
  const { object, operation, headers, mapping } = input;
  const problems: RowProblem[] = [];
  const columns: CheckedColumn[] = [];
  if (operation === "query" || operation === "queryAll") return { columns, problems };

  const fields = new Map(object.fields.map((field) => [field.name.toLowerCase(), field]));
  const provided = new Map<string, string>();
  const problem = (column: string, field: string, message: string) => problems.push({ row: 0, column, field, message });
  const unfit = (field: FieldInfo) => `${named(field)} cannot be set when records are ${OPERATION_VERB[operation]}`;

  const keyName = keyFieldName(input);
  if (operation === "upsert") {
    const keys = externalIdFields(object).map((field) => field.name.toLowerCase());
    if (!keyName) problem("", "", "Choose the external id field that upsert matches records on.");
    else if (!keys.includes(keyName.toLowerCase())) problem("", keyName, `${keyName} is not an external id field of ${object.label}, so upsert cannot match on it.`);
  }
  const key = keyName ? fields.get(keyName.toLowerCase()) : undefined;

  headers.forEach((header, index) => {
    const target = mapping.columns?.[header];
    if (!target) return;
    const reference = target.includes(".") ? relationshipFieldOf(object, target.trim()) : undefined;
    const field = reference ?? fields.get(target.toLowerCase());
    if (!field) {
      const message = target.includes(".")
        ? `Column "${header}" is mapped to ${target}, but ${object.label} has no such relationship (write RelationshipName.ExternalIdField, or Type:RelationshipName.Field when it can point to several objects).`
        : `Column "${header}" is mapped to ${target}, which ${object.label} does not have.`;
      problem(header, target, message);
      return;
    }
    if (!fitsOperation(field, operation)) return problem(header, field.name, `Column "${header}": ${unfit(field)}.`);
    const earlier = provided.get(field.name);
    if (earlier !== undefined) return problem(header, field.name, `Columns "${earlier}" and "${header}" are both mapped to ${named(field)}; map only one.`);
    provided.set(field.name, header);
    const dateKind = mapping.dates?.[header]?.kind;
    if (dateKind && (field.type === "date" || field.type === "datetime") && dateKind !== field.type) {
      const kinds = { date: "date", datetime: "date/time" };
      problem(header, field.name, `Column "${header}" is read as a ${kinds[dateKind]}, but ${named(field)} is a ${kinds[field.type]} field; read it as a ${kinds[field.type]}.`);
    }
    const isKey = field === key;
    const required = isKey || (operation === "insert" && requiredForInsert(field));
    columns.push({
      index,
      header,
      field,
      // A relationship column holds the parent's external id, whose type only the parent's describe knows.
      check: reference ? null : buildValueCheck(field, mapping.dates?.[header]),
      requiredMessage: required
        ? isKey && operation === "upsert"
          ? `${named(field)} is empty; upsert needs it to find or create the record.`
          : `${named(field)} is required and empty.`
        : null,
      unique: isKey || (!reference && field.unique),
    });
  });

  for (const [name, value] of Object.entries(mapping.constants ?? {})) {
    const reference = name.includes(".") ? relationshipFieldOf(object, name) : undefined;
    const field = reference ?? fields.get(name.toLowerCase());
    if (!field) {
      problem(CONSTANT, name, `The constant for ${name} names a field ${object.label} does not have.`);
      continue;
    }
    if (!fitsOperation(field, operation)) {
      problem(CONSTANT, field.name, `Constant: ${unfit(field)}.`);
      continue;
    }
    if (provided.has(field.name)) problem(CONSTANT, field.name, `${named(field)} has both a column ("${provided.get(field.name)}") and a constant; keep one.`);
    provided.set(field.name, CONSTANT);
    const message = value.trim() === "" || reference ? null : buildValueCheck(field)(value.trim());
    if (message) problem(CONSTANT, field.name, `Constant: ${message}`);
    if (value.trim() === "" && (field === key || (operation === "insert" && requiredForInsert(field)))) {
      problem(CONSTANT, field.name, `The constant for ${named(field)} is empty, but the field is required.`);
    }
  }

  const missing = operation === "insert" ? object.fields.filter(requiredForInsert) : key ? [key] : [];
  for (const field of missing) {
    if (!provided.has(field.name)) problem("", field.name, `${named(field)} is required: map a column to it${field === key ? "" : " or set a constant"}.`);
  }
  return { columns, problems };
}
