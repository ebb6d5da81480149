/** Compiles a parsed SOQL query into parameterised SQL over emulator.records. */
import { normalizeId } from "../org/ids";
import type { FieldDef, ObjectMeta } from "../objects";
import type { SoqlQuery } from "./ast";
import { locatedError, SoqlError } from "./errors";
import { FilterCompiler, Params } from "./filter";
import { Resolver, resolveRoot, type Join } from "./resolve";
import { textExpr, typedExpr } from "./sql-expr";

export interface CompileOptions {
  orgId: string;
  includeDeleted?: boolean;
  idRange?: { gte?: string; lt?: string };
  skip?: number;
  now?: Date;
}

interface CompiledColumn {
  path: string;
  field: FieldDef;
  /** Relationship chain from the root (empty for root fields). */
  joins: Join[];
  /** Index of the value in the SQL row. */
  index: number;
}

export interface CompiledQuery {
  object: ObjectMeta;
  countOnly: boolean;
  columns: CompiledColumn[];
  /** For each join used by a selected column: indexes of its parent id and object in the SQL row. */
  joinColumns: Map<string, { idIndex: number; objectIndex: number }>;
  sql: string;
  countSql: string;
  params: unknown[];
}

function idBound(value: string): string {
  const id = normalizeId(value);
  if (!id) throw new SoqlError("INVALID_QUERY_FILTER_OPERATOR", `invalid ID field: ${value}`);
  return id;
}

export function compileSoql(query: SoqlQuery, options: CompileOptions): CompiledQuery {
  const root = resolveRoot(query);
  const resolver = new Resolver(query, root);
  const params = new Params();
  const conditions = [`r.org_id = ${params.add(options.orgId)}::text`, `r.object = ${params.add(root.name)}::text`];
  if (!options.includeDeleted) conditions.push("NOT r.is_deleted");
  if (options.idRange?.gte) conditions.push(`r.id >= ${params.add(idBound(options.idRange.gte))}::text`);
  if (options.idRange?.lt) conditions.push(`r.id < ${params.add(idBound(options.idRange.lt))}::text`);

  // Column 0 is always the root id: JSON records need it for attributes.url.
  const selected: string[] = ["r.id"];
  const columns: CompiledColumn[] = [];
  const joinColumns = new Map<string, { idIndex: number; objectIndex: number }>();
  const seen = new Set<string>();
  for (const path of query.fields) {
    const resolved = resolver.resolve(path);
    if (seen.has(resolved.path.toLowerCase())) {
      throw locatedError("MALFORMED_QUERY", query.text, path.position, `duplicate field selected: ${resolved.path}`);
    }
    seen.add(resolved.path.toLowerCase());
    for (const join of resolved.joins) {
      if (joinColumns.has(join.path)) continue;
      selected.push(`${join.alias}.id`, `${join.alias}.object`);
      joinColumns.set(join.path, { idIndex: selected.length - 2, objectIndex: selected.length - 1 });
    }
    selected.push(textExpr(resolved.alias, resolved.field));
    columns.push({ path: resolved.path, field: resolved.field, joins: resolved.joins, index: selected.length - 1 });
  }

  const filter = new FilterCompiler(resolver, params, options.now ?? new Date());
  if (query.where) conditions.push(filter.compile(query.where));

  const order: string[] = [];
  for (const item of query.orderBy) {
    const resolved = resolver.resolve(item.field);
    if (resolved.field.type === "textarea" && (resolved.field.length ?? 0) > 255) {
      throw locatedError("INVALID_FIELD", query.text, item.field.position, `field '${resolved.field.name}' can not be sorted in a query call`);
    }
    order.push(`${typedExpr(resolved.alias, resolved.field)} ${item.descending ? "DESC" : "ASC"} NULLS ${item.nullsFirst ? "FIRST" : "LAST"}`);
  }
  order.push("r.id");

  // Joins are emitted after every path is resolved, parents before children (allocation order).
  const joins = [...resolver.joins.values()].map((join) => {
    const objects = join.targets.length === 1 ? `= ${params.add(join.targets[0])}::text` : `= ANY(${params.add(join.targets)}::text[])`;
    return `LEFT JOIN emulator.records ${join.alias} ON ${join.alias}.org_id = r.org_id AND ${join.alias}.object ${objects} AND ${join.alias}.id = ${textExpr(join.parentAlias, { name: join.referenceField })} AND NOT ${join.alias}.is_deleted`;
  });
  const from = `FROM emulator.records r ${joins.join(" ")} WHERE ${conditions.join(" AND ")}`;
  const window = (offset: number, limit: number | undefined) =>
    `${limit !== undefined ? ` LIMIT ${Math.max(0, limit)}` : ""}${offset > 0 ? ` OFFSET ${offset}` : ""}`;
  const skip = options.skip ?? 0;
  const baseOffset = query.offset ?? 0;
  const sql = `SELECT ${selected.join(", ")} ${from} ORDER BY ${order.join(", ")}${window(
    baseOffset + skip,
    query.limit !== undefined ? query.limit - skip : undefined,
  )}`;
  const countSql = `SELECT count(*)::int AS n FROM (SELECT 1 ${from}${window(baseOffset, query.limit)}) counted`;
  return { object: root, countOnly: query.count, columns, joinColumns, sql, countSql, params: params.values };
}
