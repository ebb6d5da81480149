/** Entry point of DML: one transaction per batch (its own, or the caller's), per-row results in input order. */
import type pg from "pg";
import { getObject } from "../../objects";
import type { DmlRequest, DmlRowResult, Queryable } from "../types";
import { flattenRow, upsertKeyField } from "./columns";
import { fail, type DmlContext } from "./context";
import { deleteRows } from "./delete";
import { dmlError } from "./errors";
import { insertRows } from "./insert";
import { RowParser } from "./parse-row";
import { checkIds } from "./existing";
import { updateRows } from "./update";
import { upsertRows } from "./upsert";

export interface ApplyOptions {
  system?: boolean;
  now?: Date;
  /**
   * Runs inside the caller's open transaction on this client (no BEGIN/COMMIT here), so the caller
   * can commit the rows atomically with its own writes. On a throw the caller must roll back.
   */
  client?: Queryable;
}

function uniform(count: number, statusCode: string, message: string): DmlRowResult[] {
  return Array.from({ length: count }, () => ({ id: null, success: false, created: false, errors: [dmlError(statusCode, message)] }));
}

async function run(ctx: DmlContext, request: DmlRequest): Promise<void> {
  const rows = request.rows.map(flattenRow);
  if (request.operation === "delete" || request.operation === "hardDelete") {
    const idRows = rows.map((row, index) => {
      const key = Object.keys(row).find((column) => column.replace(/^\uFEFF/, "").toLowerCase() === "id");
      const value = key === undefined ? null : row[key];
      return { index, rawId: value === null || value === "" ? undefined : String(value) };
    });
    return deleteRows(ctx, idRows, request.operation === "hardDelete");
  }
  const parser = new RowParser(ctx.meta, request.format ?? "csv");
  const parsed = rows.map((row, index) => parser.parse(index, row));
  if (request.operation === "insert") return insertRows(ctx, parsed);
  if (request.operation === "update") {
    const targets = checkIds(ctx, parsed, "Id not specified in an update call");
    return updateRows(ctx, targets.map((target) => ({ ...parsed[target.index], id: target.id })));
  }
  const keyField = upsertKeyField(ctx.meta, request.externalIdField);
  if ("code" in keyField) {
    for (const row of parsed) fail(ctx, row.index, dmlError("INVALID_FIELD", keyField.message));
    return;
  }
  return upsertRows(ctx, parsed, keyField);
}

export async function applyDml(
  pool: pg.Pool,
  orgId: string,
  userId: string,
  request: DmlRequest,
  options: ApplyOptions = {},
): Promise<DmlRowResult[]> {
  const meta = getObject(request.object);
  if (!meta) return uniform(request.rows.length, "INVALID_TYPE", `sObject type '${request.object}' is not supported.`);
  if (request.rows.length === 0) return [];
  const execute = async (client: Queryable): Promise<DmlRowResult[]> => {
    const ctx: DmlContext = {
      client,
      orgId,
      userId,
      meta,
      now: (options.now ?? new Date()).toISOString(),
      system: options.system ?? false,
      results: new Array<DmlRowResult>(request.rows.length),
      keysLocked: false,
    };
    await run(ctx, request);
    return ctx.results;
  };
  if (options.client) return execute(options.client);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const results = await execute(client);
    await client.query("COMMIT");
    return results;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
