/**
 * Salesforce ids: 3-char key prefix + 12 chars, plus an 18-char case-safety suffix.
 * The 12 chars are `Dn0` followed by a 9-digit base-62 sequence number whose alphabet is in
 * ASCII order, so ids sort in creation order under the "C" collation (PK chunking relies on it).
 */
import type { Queryable } from "./types";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const ID15 = /^[0-9A-Za-z]{15}$/;
const ID18 = /^[0-9A-Za-z]{18}$/;

function encodeSequence(value: bigint): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < 9; i += 1) {
    out = BASE62[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out;
}

function suffixFor(id15: string): string {
  let suffix = "";
  for (let group = 0; group < 3; group += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const ch = id15.charCodeAt(group * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** 18-char form of a 15-char id (an 18-char id is returned unchanged). */
export function to18(id: string): string {
  if (id.length === 18) return id;
  if (!ID15.test(id)) throw new Error(`Not a 15-character Salesforce id: ${id}`);
  return id + suffixFor(id);
}

/**
 * Canonical 18-char id for a 15-char (case-sensitive) or 18-char (case-insensitive) input,
 * or null when it is not a well-formed id.
 */
export function normalizeId(input: string): string | null {
  if (ID15.test(input)) return input + suffixFor(input);
  if (!ID18.test(input)) return null;
  const suffix = input.slice(15).toUpperCase();
  let restored = "";
  for (let group = 0; group < 3; group += 1) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[group]);
    if (bits < 0) return null;
    for (let i = 0; i < 5; i += 1) {
      const ch = input[group * 5 + i];
      restored += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return restored + suffix;
}

export function isValidId(input: string): boolean {
  return normalizeId(input) !== null;
}

export function formatId(prefix: string, sequence: bigint): string {
  return to18(`${prefix}Dn0${encodeSequence(sequence)}`);
}

/** `count` new 18-char ids with the given 3-char key prefix, unique across restarts (Postgres sequence). */
export async function generateIds(db: Queryable, prefix: string, count: number): Promise<string[]> {
  if (!/^[0-9A-Za-z]{3}$/.test(prefix)) throw new Error(`Invalid key prefix: ${prefix}`);
  if (count <= 0) return [];
  const { rows } = await db.query<{ n: string }>(
    "SELECT nextval('emulator.id_seq')::text AS n FROM generate_series(1, $1)",
    [count],
  );
  return rows.map((row) => formatId(prefix, BigInt(row.n)));
}

/** One new id, e.g. `generateId(pool, "750")` for a bulk job, `"751"` batch, `"752"` query result. */
export async function generateId(db: Queryable, prefix: string): Promise<string> {
  const [id] = await generateIds(db, prefix, 1);
  return id;
}
