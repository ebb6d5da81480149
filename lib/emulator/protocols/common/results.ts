/** Stored result rows: chunks of pre-rendered row strings, streamed back without building one huge string. */
import type { Queryable } from "../../org";

export type ResultKind = "result" | "success" | "failed" | "query";

export async function appendResultChunk(
  db: Queryable,
  ownerId: string,
  kind: ResultKind,
  seq: number,
  firstRow: number,
  rows: string[],
): Promise<void> {
  if (rows.length === 0) return;
  // ON CONFLICT keeps a retried chunk (same seq after a restart) from being stored twice.
  await db.query(
    `INSERT INTO emulator.bulk_results (owner_id, kind, seq, first_row, row_count, body) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (owner_id, kind, seq) DO UPDATE SET first_row = EXCLUDED.first_row, row_count = EXCLUDED.row_count, body = EXCLUDED.body`,
    [ownerId, kind, seq, firstRow, rows.length, JSON.stringify(rows)],
  );
}

/** Every stored row of an owner/kind, chunk by chunk, in order. */
export async function* streamResultRows(db: Queryable, ownerId: string, kind: ResultKind): AsyncGenerator<string[]> {
  let after = -1;
  for (;;) {
    const { rows } = await db.query<{ seq: number; body: string }>(
      `SELECT seq, body FROM emulator.bulk_results WHERE owner_id = $1 AND kind = $2 AND seq > $3 ORDER BY seq LIMIT 4`,
      [ownerId, kind, after],
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      after = row.seq;
      yield JSON.parse(row.body) as string[];
    }
  }
}

/** Rows [offset, offset + limit) of an owner/kind, chunk by chunk (v2 query result pages). */
export async function* streamResultRange(
  db: Queryable,
  ownerId: string,
  kind: ResultKind,
  offset: number,
  limit: number,
): AsyncGenerator<string[]> {
  const end = offset + limit;
  let position = offset;
  while (position < end) {
    const { rows } = await db.query<{ first_row: number; row_count: number; body: string }>(
      `SELECT first_row, row_count, body FROM emulator.bulk_results
       WHERE owner_id = $1 AND kind = $2 AND first_row + row_count > $3 AND first_row < $4
       ORDER BY first_row LIMIT 4`,
      [ownerId, kind, position, end],
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      const values = JSON.parse(row.body) as string[];
      const from = Math.max(0, position - row.first_row);
      const to = Math.min(values.length, end - row.first_row);
      if (to > from) yield values.slice(from, to);
      position = row.first_row + to;
    }
  }
}


export async function deleteResults(db: Queryable, ownerId: string): Promise<void> {
  await db.query("DELETE FROM emulator.bulk_results WHERE owner_id = $1", [ownerId]);
}
