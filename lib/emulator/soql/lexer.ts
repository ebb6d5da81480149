import { storableText } from "../org/sanitize";
import { locatedError } from "./errors";

type TokenKind = "word" | "string" | "number" | "date" | "datetime" | "op" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** Source text (for strings: the unescaped value). */
  text: string;
  position: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\dT])/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?![A-Za-z_])/y;
const OPERATOR = /!=|<>|<=|>=|=|<|>/y;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", '"': '"', "'": "'", "\\": "\\" };

function match(pattern: RegExp, text: string, position: number): string | undefined {
  pattern.lastIndex = position;
  return pattern.exec(text)?.[0];
}

function readString(text: string, start: number): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'") return { value: storableText(value), end: i + 1 };
    if (ch === "\\") {
      const next = text[i + 1];
      // LIKE wildcards stay escaped so the LIKE translation can tell literal % and _ apart.
      if (next === "%" || next === "_") value += `\\${next}`;
      else if (next !== undefined && next in ESCAPES) value += ESCAPES[next];
      else throw locatedError("MALFORMED_QUERY", text, i, `Invalid string literal '${text.slice(start, i + 2)}'. Illegal character sequence '\\${next ?? ""}' in string literal.`);
      i += 2;
      continue;
    }
    value += ch;
    i += 1;
  }
  throw locatedError("MALFORMED_QUERY", text, start, `line 1:${start} mismatched character '<EOF>' expecting '''`);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const position = i;
    if (ch === "'") {
      const { value, end } = readString(text, i);
      tokens.push({ kind: "string", text: value, position });
      i = end;
      continue;
    }
    const datetime = match(DATETIME, text, i);
    const dateOnly = datetime ? undefined : match(DATE, text, i);
    const previous = tokens[tokens.length - 1];
    const signAllowed = !previous || previous.kind === "op" || previous.kind === "punct" || previous.kind === "word";
    const numeric = datetime || dateOnly ? undefined : match(NUMBER, text, i);
    const word = match(WORD, text, i);
    const operator = match(OPERATOR, text, i);
    if (datetime) tokens.push({ kind: "datetime", text: datetime, position });
    else if (dateOnly) tokens.push({ kind: "date", text: dateOnly, position });
    else if (numeric && (signAllowed || /^[\d.]/.test(numeric))) tokens.push({ kind: "number", text: numeric, position });
    else if (word) tokens.push({ kind: "word", text: word, position });
    else if (operator) tokens.push({ kind: "op", text: operator === "<>" ? "!=" : operator, position });
    else if ("(),:".includes(ch)) tokens.push({ kind: "punct", text: ch, position });
    else throw locatedError("MALFORMED_QUERY", text, i, `unexpected token: '${ch}'`);
    i += tokens[tokens.length - 1].text.length;
  }
  tokens.push({ kind: "eof", text: "<EOF>", position: text.length });
  return tokens;
}
