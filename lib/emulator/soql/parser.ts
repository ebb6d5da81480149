import type { ComparisonOperator, Condition, FieldPath, Literal, OrderItem, SoqlQuery } from "./ast";
import { isDateLiteralName, dateLiteralTakesN } from "./date-literals";
import { locatedError, SoqlError } from "./errors";
import { tokenize, type Token } from "./lexer";

const AGGREGATES = new Set([
  "count", "count_distinct", "sum", "avg", "min", "max", "tolabel", "format", "convertcurrency", "grouping",
  "calendar_month", "calendar_quarter", "calendar_year", "day_in_month", "day_in_week", "day_in_year", "day_only",
  "fiscal_month", "fiscal_quarter", "fiscal_year", "hour_in_day", "week_in_month", "week_in_year", "distance", "geolocation",
]);
const CLAUSE_KEYWORDS = new Set(["from", "where", "with", "group", "order", "limit", "offset", "for", "update", "having", "using"]);

class Parser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "word" && token.text.toLowerCase() === word;
  }

  private isPunct(punct: string): boolean {
    const token = this.peek();
    return token.kind === "punct" && token.text === punct;
  }

  unexpected(token: Token = this.peek()): SoqlError {
    return locatedError("MALFORMED_QUERY", this.text, token.position, `unexpected token: ${token.kind === "eof" ? "<EOF>" : `'${token.text}'`}`);
  }

  unsupported(token: Token, what: string): SoqlError {
    return locatedError("MALFORMED_QUERY", this.text, token.position, `${what} is not supported by this org emulator`);
  }

  private expectWord(word: string): Token {
    if (!this.isWord(word)) throw this.unexpected();
    return this.next();
  }

  private expectPunct(punct: string): Token {
    if (!this.isPunct(punct)) throw this.unexpected();
    return this.next();
  }

  parse(): SoqlQuery {
    this.expectWord("select");
    let count = false;
    const fields: FieldPath[] = [];
    if (this.isWord("count") && this.peek(1).text === "(" && this.peek(2).text === ")") {
      this.index += 3;
      count = true;
    } else {
      do fields.push(this.selectItem());
      while (this.isPunct(",") && this.next());
    }
    this.expectWord("from");
    const objectToken = this.next();
    if (objectToken.kind !== "word" || objectToken.text.includes(".")) throw this.unexpected(objectToken);
    let alias: string | undefined;
    if (this.peek().kind === "word" && !CLAUSE_KEYWORDS.has(this.peek().text.toLowerCase())) alias = this.next().text;
    const query: SoqlQuery = { text: this.text, fields, count, object: objectToken.text, objectPosition: objectToken.position, alias, orderBy: [] };
    if (this.isWord("using") || this.isWord("with")) throw this.unsupported(this.peek(), `${this.peek().text.toUpperCase()} clause`);
    if (this.isWord("where")) {
      this.next();
      query.where = this.condition();
    }
    if (this.isWord("with") || this.isWord("having")) throw this.unsupported(this.peek(), `${this.peek().text.toUpperCase()} clause`);
    if (this.isWord("group")) throw this.unsupported(this.peek(), "GROUP BY");
    if (this.isWord("order")) {
      this.next();
      this.expectWord("by");
      do query.orderBy.push(this.orderItem());
      while (this.isPunct(",") && this.next());
    }
    if (this.isWord("limit")) {
      this.next();
      query.limit = this.integer();
    }
    if (this.isWord("offset")) {
      const token = this.next();
      query.offset = this.integer();
      if (query.offset > 2000) {
        throw locatedError("NUMBER_OUTSIDE_VALID_RANGE", this.text, token.position, "Maximum SOQL offset allowed is 2000");
      }
    }
    if (this.isWord("for") || this.isWord("update")) throw this.unsupported(this.peek(), `${this.peek().text.toUpperCase()} clause`);
    if (this.peek().kind !== "eof") throw this.unexpected();
    if (count && query.orderBy.length > 0) throw this.unexpected(this.tokens.find((t) => t.text.toLowerCase() === "order"));
    return query;
  }

  private selectItem(): FieldPath {
    const token = this.peek();
    if (token.kind === "punct" && token.text === "(") {
      if (this.isWord("select", 1)) throw this.unsupported(token, "A relationship subquery");
      throw this.unexpected();
    }
    if (token.kind !== "word") throw this.unexpected();
    if (token.text.toLowerCase() === "typeof") throw this.unsupported(token, "TYPEOF");
    if (this.peek(1).text === "(") {
      if (AGGREGATES.has(token.text.toLowerCase())) throw this.unsupported(token, `Function ${token.text}()`);
      throw this.unexpected(this.peek(1));
    }
    if (token.text.toLowerCase() === "from") throw this.unexpected();
    return this.fieldPath();
  }

  private fieldPath(): FieldPath {
    const token = this.next();
    if (token.kind !== "word") throw this.unexpected(token);
    return { parts: token.text.split("."), position: token.position };
  }

  private integer(): number {
    const token = this.next();
    if (token.kind !== "number" || !/^\d+$/.test(token.text)) throw this.unexpected(token);
    if (Number(token.text) > 2_147_483_647) {
      throw locatedError("NUMBER_OUTSIDE_VALID_RANGE", this.text, token.position, `Value out of range: ${token.text}`);
    }
    return Number(token.text);
  }

  private orderItem(): OrderItem {
    if (this.peek().kind === "word" && this.peek(1).text === "(") throw this.unsupported(this.peek(), `Function ${this.peek().text}()`);
    const field = this.fieldPath();
    let descending = false;
    if (this.isWord("asc")) this.next();
    else if (this.isWord("desc")) {
      this.next();
      descending = true;
    }
    let nullsFirst = !descending;
    if (this.isWord("nulls")) {
      this.next();
      if (this.isWord("first")) nullsFirst = true;
      else if (this.isWord("last")) nullsFirst = false;
      else throw this.unexpected();
      this.next();
    }
    return { field, descending, nullsFirst };
  }

  /** SOQL refuses to mix AND and OR at one level without parentheses. */
  private condition(): Condition {
    const first = this.unary();
    const connector = this.isWord("and") ? "and" : this.isWord("or") ? "or" : undefined;
    if (!connector) return first;
    const items = [first];
    while (this.isWord(connector)) {
      this.next();
      items.push(this.unary());
    }
    if (this.isWord("and") || this.isWord("or")) throw this.unexpected();
    return { kind: connector, items };
  }

  private unary(): Condition {
    if (this.isWord("not")) {
      this.next();
      return { kind: "not", item: this.unary() };
    }
    if (this.isPunct("(")) {
      this.next();
      const inner = this.condition();
      this.expectPunct(")");
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    if (this.peek().kind === "word" && this.peek(1).text === "(") throw this.unsupported(this.peek(), `Function ${this.peek().text}()`);
    const field = this.fieldPath();
    const token = this.peek();
    if (token.kind === "op") {
      this.next();
      return { kind: "compare", field, operator: token.text as ComparisonOperator, value: this.literal() };
    }
    if (this.isWord("like")) {
      this.next();
      return { kind: "like", field, value: this.literal() };
    }
    const negated = this.isWord("not") && this.isWord("in", 1);
    if (negated) this.next();
    if (this.isWord("in")) {
      this.next();
      this.expectPunct("(");
      if (this.isWord("select")) throw this.unsupported(this.peek(), "A semi-join subquery");
      const values: Literal[] = [];
      do values.push(this.literal());
      while (this.isPunct(",") && this.next());
      this.expectPunct(")");
      return { kind: "in", field, negated, values };
    }
    if (this.isWord("includes") || this.isWord("excludes")) throw this.unsupported(token, token.text.toUpperCase());
    throw this.unexpected(token);
  }

  private literal(): Literal {
    const token = this.next();
    const position = token.position;
    switch (token.kind) {
      case "string":
        return { kind: "string", value: token.text, position };
      case "number":
        return { kind: "number", value: Number(token.text), raw: token.text, position };
      case "date":
        return { kind: "date", value: token.text, position };
      case "datetime":
        return { kind: "datetime", value: token.text, position };
      case "word": {
        const lower = token.text.toLowerCase();
        if (lower === "null") return { kind: "null", position };
        if (lower === "true" || lower === "false") return { kind: "boolean", value: lower === "true", position };
        if (isDateLiteralName(token.text)) {
          if (!dateLiteralTakesN(token.text)) return { kind: "dateLiteral", name: token.text.toUpperCase(), position };
          this.expectPunct(":");
          const n = this.integer();
          return { kind: "dateLiteral", name: token.text.toUpperCase(), n, position };
        }
        throw this.unexpected(token);
      }
      default:
        throw this.unexpected(token);
    }
  }
}

/** Parses the supported SOQL subset; throws SoqlError with Salesforce's codes and message layout. */
export function parseSoql(text: string): SoqlQuery {
  const trimmed = text.trim();
  if (trimmed === "") throw new SoqlError("MALFORMED_QUERY", "unexpected token: <EOF>");
  return new Parser(text, tokenize(text)).parse();
}
