/** Runs compiled SOQL with a server-side cursor so large results stream in chunks. */
import type pg from "pg";
import { compileSoql, parseSoql, type CompiledQuery } from "../soql";
import { getObject } from "../objects";
import { normalizeId } from "./ids";
import { decodeValue } from "./record-format";
import type { QueryOptions, QueryRecord, QueryRun } from "./types";

const DEFAULT_CHUNK = 2000;

/** Options end up as SQL literals (FETCH n, OFFSET n): only whole numbers get through. */
function wholeNumber(value: number | undefined, fallback: number, min: number): number {
  return value !== undefined && Number.isFinite(value) ? Math.max(min, Math.floor(value)) : fallback;
}

function buildRecord(compiled: CompiledQuery, row: unknown[], apiVersion: string): QueryRecord {
  const base = `/services/data/v${apiVersion}/sobjects/`;
  const record: QueryRecord = { attributes: { type: compiled.object.name, url: `${base}${compiled.object.name}/${row[0]}` } };
  for (const column of compiled.columns) {
    let target: Record<string, unknown> | null = record;
    for (const join of column.joins) {
      const indexes = compiled.joinColumns.get(join.path)!;
      if (!(join.name in target)) {
        const parentId = row[indexes.idIndex] as string | null;
        const type = row[indexes.objectIndex] as string;
        target[join.name] = parentId === null ? null : { attributes: { type, url: `${base}${type}/${parentId}` } };
      }
      target = target[join.name] as Record<string, unknown> | null;
      if (target === null) break;
    }
    if (target) target[column.field.name] = decodeValue(row[column.index] as string | null, column.field);
  }
  return record;
}

async function* streamRows(pool: pg.Pool, compiled: CompiledQuery, chunkSize: number, apiVersion: string): AsyncGenerator<QueryRecord[]> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(`DECLARE soql_cursor NO SCROLL CURSOR FOR ${compiled.sql}`, compiled.params);
    for (;;) {
      const result = await client.query({ text: `FETCH ${chunkSize} FROM soql_cursor`, rowMode: "array" });
      if (result.rows.length === 0) break;
      yield result.rows.map((row: unknown[]) => buildRecord(compiled, row, apiVersion));
      if (result.rows.length < chunkSize) break;
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await client.query(failed ? "ROLLBACK" : "COMMIT").catch(() => {});
    client.release();
  }
}

export async function runQuery(pool: pg.Pool, orgId: string, soql: string, options: QueryOptions = {}): Promise<QueryRun> {
  const parsed = parseSoql(soql);
  const compiled = compileSoql(parsed, {
    orgId,
    includeDeleted: options.includeDeleted,
    idRange: options.idRange,
    skip: wholeNumber(options.skip, 0, 0),
  });
  const columns = compiled.columns.map((column) => ({ path: column.path, type: column.field.type }));
  const needCount = compiled.countOnly || options.withTotalSize;
  const totalSize = needCount
    ? (await pool.query<{ n: number }>(compiled.countSql, compiled.params)).rows[0].n
    : undefined;
  const chunkSize = wholeNumber(options.chunkSize, DEFAULT_CHUNK, 1);
  const apiVersion = options.apiVersion ?? "62.0";
  return {
    object: compiled.object.name,
    columns,
    countOnly: compiled.countOnly,
    totalSize,
    rows: () => (compiled.countOnly ? (async function* () {})() : streamRows(pool, compiled, chunkSize, apiVersion)),
  };
}

export async function retrieveRecord(
  pool: pg.Pool,
  orgId: string,
  objectName: string,
  id: string,
  options: { fields?: string[]; apiVersion?: string } = {},
): Promise<QueryRecord | undefined> {
  const meta = getObject(objectName);
  const recordId = normalizeId(id);
  if (!meta || !recordId || recordId.slice(0, 3) !== meta.keyPrefix) return undefined;
  const fields = options.fields?.length ? options.fields : meta.fields.map((field) => field.name);
  // The id is validated alphanumeric; field names go through the SOQL parser like any query.
  const run = await runQuery(pool, orgId, `SELECT ${fields.join(", ")} FROM ${meta.name} WHERE Id = '${recordId}'`, {
    apiVersion: options.apiVersion,
  });
  for await (const chunk of run.rows()) return chunk[0];
  return undefined;
}
