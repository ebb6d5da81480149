/** Translates a WHERE tree into parameterised SQL over emulator.records. */
import { normalizeId } from "../org/ids";
import type { Condition, FieldPath, Literal } from "./ast";
import { dateLiteralRange } from "./date-literals";
import { locatedError } from "./errors";
import type { ResolvedField, Resolver } from "./resolve";
import { filterTypeName, NUMERIC_TYPES, TEXT_TYPES, textExpr, typedExpr } from "./sql-expr";

export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

type Operand = { point: string | number | boolean | null } | { range: { start: string; end: string } };

function toIsoDateTime(text: string): string {
  const normalized = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  return new Date(normalized).toISOString();
}

export class FilterCompiler {
  constructor(
    private readonly resolver: Resolver,
    private readonly params: Params,
    private readonly now: Date,
  ) {}

  private get text(): string {
    return this.resolver.query.text;
  }

  private typeError(resolved: ResolvedField, literal: Literal): Error {
    const type = filterTypeName(resolved.field.type);
    const quoted = type === "string" || type === "id";
    return locatedError(
      "INVALID_FIELD",
      this.text,
      literal.position,
      `value of filter criterion for field '${resolved.field.name}' must be of type ${type} and should ${quoted ? "" : "not "}be enclosed in quotes`,
    );
  }

  /** Checks the literal against the field type and converts it to the stored representation. */
  private operand(resolved: ResolvedField, literal: Literal): Operand {
    const { field } = resolved;
    if (literal.kind === "null") return { point: null };
    const type = field.type;
    if (type === "id" || type === "reference") {
      if (literal.kind !== "string") throw this.typeError(resolved, literal);
      const id = normalizeId(literal.value);
      if (!id) throw locatedError("INVALID_QUERY_FILTER_OPERATOR", this.text, literal.position, `invalid ID field: ${literal.value}`);
      return { point: id };
    }
    if (TEXT_TYPES.has(type)) {
      if (literal.kind !== "string") throw this.typeError(resolved, literal);
      return { point: literal.value.toLowerCase() };
    }
    if (NUMERIC_TYPES.has(type)) {
      if (literal.kind !== "number") throw this.typeError(resolved, literal);
      return { point: literal.raw };
    }
    if (type === "boolean") {
      if (literal.kind !== "boolean") throw this.typeError(resolved, literal);
      return { point: literal.value };
    }
    if (literal.kind === "dateLiteral") {
      const range = dateLiteralRange(literal.name, literal.n, this.now);
      const format = (d: Date) => (type === "date" ? d.toISOString().slice(0, 10) : d.toISOString());
      return { range: { start: format(range.start), end: format(range.end) } };
    }
    if (type === "date" && literal.kind === "date") return { point: literal.value };
    if (type === "datetime" && literal.kind === "datetime") return { point: toIsoDateTime(literal.value) };
    throw this.typeError(resolved, literal);
  }

  compile(condition: Condition): string {
    switch (condition.kind) {
      case "and":
      case "or":
        return `(${condition.items.map((item) => this.compile(item)).join(condition.kind === "and" ? " AND " : " OR ")})`;
      case "not":
        return `(NOT COALESCE(${this.compile(condition.item)}, false))`;
      case "compare":
        return this.compare(condition.field, condition.operator, condition.value);
      case "like":
        return this.like(condition.field, condition.value);
      case "in":
        return this.inList(condition.field, condition.negated, condition.values);
    }
  }

  private checkFilterable(resolved: ResolvedField, position: number): void {
    if (resolved.field.type === "textarea" && (resolved.field.length ?? 0) > 255) {
      throw locatedError("INVALID_FIELD", this.text, position, `field '${resolved.field.name}' can not be filtered in a query call`);
    }
  }

  private compare(path: FieldPath, operator: string, literal: Literal): string {
    const resolved = this.resolver.resolve(path);
    this.checkFilterable(resolved, path.position);
    const expr = typedExpr(resolved.alias, resolved.field);
    if (resolved.field.type === "boolean" && operator !== "=" && operator !== "!=") {
      throw locatedError("INVALID_FIELD", this.text, literal.position, `invalid operator on boolean field: ${resolved.field.name}`);
    }
    const value = this.operand(resolved, literal);
    if ("range" in value) {
      // Only bind the bounds an operator uses: Postgres cannot type an unused parameter.
      const start = () => `${this.params.add(value.range.start)}::text`;
      const end = () => `${this.params.add(value.range.end)}::text`;
      switch (operator) {
        case "=":
          return `(${expr} >= ${start()} AND ${expr} < ${end()})`;
        case "!=":
          return `(${expr} IS NULL OR ${expr} < ${start()} OR ${expr} >= ${end()})`;
        case "<":
          return `(${expr} < ${start()})`;
        case "<=":
          return `(${expr} < ${end()})`;
        case ">":
          return `(${expr} >= ${end()})`;
        default:
          return `(${expr} >= ${start()})`;
      }
    }
    if (value.point === null) {
      if (operator === "=") return `(${expr} IS NULL)`;
      if (operator === "!=") return `(${expr} IS NOT NULL)`;
      return "false";
    }
    const param = this.params.add(value.point);
    const cast = NUMERIC_TYPES.has(resolved.field.type) ? "::numeric" : resolved.field.type === "boolean" ? "::boolean" : "::text";
    if (operator === "!=") return `(${expr} IS DISTINCT FROM ${param}${cast})`;
    return `(${expr} ${operator} ${param}${cast})`;
  }

  private like(path: FieldPath, literal: Literal): string {
    const resolved = this.resolver.resolve(path);
    this.checkFilterable(resolved, path.position);
    if (!TEXT_TYPES.has(resolved.field.type) && resolved.field.type !== "id" && resolved.field.type !== "reference") {
      throw locatedError("INVALID_FIELD", this.text, literal.position, `invalid operator on field: ${resolved.field.name}`);
    }
    if (literal.kind !== "string") throw this.typeError(resolved, literal);
    const raw = textExpr(resolved.alias, resolved.field);
    return `(${raw} ILIKE ${this.params.add(literal.value)}::text)`;
  }

  private inList(path: FieldPath, negated: boolean, literals: Literal[]): string {
    const resolved = this.resolver.resolve(path);
    this.checkFilterable(resolved, path.position);
    const expr = typedExpr(resolved.alias, resolved.field);
    const points: (string | number | boolean)[] = [];
    const parts: string[] = [];
    let includesNull = false;
    for (const literal of literals) {
      const value = this.operand(resolved, literal);
      if ("range" in value) {
        parts.push(`(${expr} >= ${this.params.add(value.range.start)}::text AND ${expr} < ${this.params.add(value.range.end)}::text)`);
      } else if (value.point === null) includesNull = true;
      else points.push(value.point);
    }
    if (points.length > 0) {
      const arrayType = NUMERIC_TYPES.has(resolved.field.type) ? "numeric[]" : resolved.field.type === "boolean" ? "boolean[]" : "text[]";
      parts.push(`(${expr} = ANY(${this.params.add(points.map((point) => String(point)))}::${arrayType}))`);
    }
    if (includesNull) parts.push(`(${expr} IS NULL)`);
    const positive = parts.length > 0 ? `(${parts.join(" OR ")})` : "false";
    if (!negated) return positive;
    return includesNull ? `(NOT COALESCE(${positive}, false))` : `(${expr} IS NULL OR NOT COALESCE(${positive}, false))`;
  }
}
