import type pg from "pg";
import type { ObjectMeta } from "../objects";
import { normalizeId, to18 } from "./ids";
import type { IdRange } from "./types";

/**
 * Id ranges of at most `chunkSize` records each, in id order (Bulk v1 PK chunking). Recycled rows are
 * counted too, so the same ranges serve query and queryAll. An empty object still yields one range.
 */
export async function pkChunkBoundaries(
  pool: pg.Pool,
  orgId: string,
  meta: ObjectMeta,
  chunkSize: number,
  startRow?: string,
): Promise<IdRange[]> {
  const size = Math.max(1, Math.floor(chunkSize));
  const start = (startRow && normalizeId(startRow)) || to18(`${meta.keyPrefix}${"0".repeat(12)}`);
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM (
        SELECT id, row_number() OVER (ORDER BY id) AS n
          FROM emulator.records WHERE org_id = $1 AND object = $2 AND id >= $3
     ) numbered WHERE (n - 1) % $4 = 0 ORDER BY id`,
    [orgId, meta.name, start, size],
  );
  const bounds = rows.map((row) => row.id);
  if (bounds.length === 0) return [{ gte: start, lt: null }];
  bounds[0] = start;
  return bounds.map((gte, i) => ({ gte, lt: bounds[i + 1] ?? null }));
}
