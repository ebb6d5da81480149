/**
 * What the SOQL editor should suggest at the cursor: objects after FROM, the FROM object's fields in the
 * SELECT list and after WHERE / AND / OR / ORDER BY / GROUP BY. Pure, so it is tested without a browser.
 */

export interface SoqlContext {
  kind: "object" | "field" | null;
  /** The partial word being typed, and where it starts. */
  prefix: string;
  start: number;
  /** The object named after FROM anywhere in the text, for field suggestions. */
  object: string | null;
}

const FIELD_CLAUSES = new Set(["select", "where", "and", "or", "not", "by", "having"]);

export function soqlContext(text: string, cursor: number): SoqlContext {
  const before = text.slice(0, cursor);
  const word = /[A-Za-z0-9_.]*$/.exec(before)?.[0] ?? "";
  const start = cursor - word.length;
  const object = /\bfrom\s+([A-Za-z][A-Za-z0-9_]*)/i.exec(text)?.[1] ?? null;
  const none: SoqlContext = { kind: null, prefix: word, start, object };
  // Inside a string literal nothing is suggested.
  if ((before.replace(/\\'/g, "").match(/'/g)?.length ?? 0) % 2 === 1) return none;
  const tokens = before.slice(0, start).match(/[A-Za-z_][A-Za-z0-9_.]*|[,()=<>!]+/g) ?? [];
  const previous = tokens.at(-1)?.toLowerCase();
  if (previous === "from") return { ...none, kind: "object" };
  // The clause the cursor is in decides: the last keyword we know, skipping field names and commas of a list.
  const clause = [...tokens].reverse().find((t) => /^(select|from|where|and|or|not|by|having|limit|offset|with|using|order|group)$/i.test(t))?.toLowerCase();
  if (!clause || !FIELD_CLAUSES.has(clause)) return none;
  // After a complete field name without a comma or operator, the next word is a keyword, not a field.
  const expectsField = previous === undefined || FIELD_CLAUSES.has(previous) || /[,(=<>!]$/.test(previous ?? "");
  return expectsField ? { ...none, kind: "field" } : none;
}

/** Names starting with the prefix first, then containing it; case-insensitive; at most `limit`. */
export function filterSuggestions<T extends { name: string; label?: string }>(items: readonly T[], prefix: string, limit = 8): T[] {
  const p = prefix.toLowerCase();
  const starts = items.filter((i) => i.name.toLowerCase().startsWith(p));
  const contains = p ? items.filter((i) => !i.name.toLowerCase().startsWith(p) && (i.name.toLowerCase().includes(p) || i.label?.toLowerCase().includes(p))) : [];
  return [...starts, ...contains].slice(0, limit);
}

/** Replaces the partial word with the chosen name; returns the new text and cursor. */
export function applySuggestion(text: string, context: SoqlContext, cursor: number, name: string): { text: string; cursor: number } {
  const after = text.slice(cursor);
  const rest = after.replace(/^[A-Za-z0-9_.]*/, "");
  const inserted = context.kind === "object" && !/^\s/.test(rest) ? `${name} ` : name;
  return { text: text.slice(0, context.start) + inserted + rest, cursor: context.start + inserted.length };
}
