export type SoqlErrorCode =
  | "MALFORMED_QUERY"
  | "INVALID_FIELD"
  | "INVALID_TYPE"
  | "INVALID_QUERY_FILTER_OPERATOR"
  | "NUMBER_OUTSIDE_VALID_RANGE";

/** A query Salesforce would refuse, with its error code and message (REST `[{errorCode, message}]`). */
export class SoqlError extends Error {
  readonly code: SoqlErrorCode;

  constructor(code: SoqlErrorCode, message: string) {
    super(message);
    this.name = "SoqlError";
    this.code = code;
  }
}

/**
 * Salesforce prefixes positional errors with the query line, a caret and
 * `ERROR at Row:r:Column:c` (both 1-based) before the explanation.
 */
export function locatedError(code: SoqlErrorCode, text: string, position: number, explanation: string): SoqlError {
  const before = text.slice(0, position);
  const row = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const column = position - lineStart + 1;
  const lineEnd = text.indexOf("\n", position);
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const caret = `${" ".repeat(Math.max(0, column - 1))}^`;
  return new SoqlError(code, `\n${line}\n${caret}\nERROR at Row:${row}:Column:${column}\n${explanation}`);
}
