/** Syntax tree of the supported SOQL subset. Names are as written; resolution happens in the compiler. */

export interface FieldPath {
  /** `Account.Owner.Name` → ["Account", "Owner", "Name"]. */
  parts: string[];
  position: number;
}

export type Literal =
  | { kind: "string"; value: string; position: number }
  | { kind: "number"; value: number; raw: string; position: number }
  | { kind: "boolean"; value: boolean; position: number }
  | { kind: "null"; position: number }
  | { kind: "date"; value: string; position: number }
  | { kind: "datetime"; value: string; position: number }
  | { kind: "dateLiteral"; name: string; n?: number; position: number };

export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type Condition =
  | { kind: "and" | "or"; items: Condition[] }
  | { kind: "not"; item: Condition }
  | { kind: "compare"; field: FieldPath; operator: ComparisonOperator; value: Literal }
  | { kind: "in"; field: FieldPath; negated: boolean; values: Literal[] }
  | { kind: "like"; field: FieldPath; value: Literal };

export interface OrderItem {
  field: FieldPath;
  descending: boolean;
  nullsFirst: boolean;
}

export interface SoqlQuery {
  text: string;
  /** Empty when `count` is true. */
  fields: FieldPath[];
  count: boolean;
  object: string;
  objectPosition: number;
  alias?: string;
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
