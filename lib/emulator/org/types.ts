/** Public types of the emulator's data plane (the org model, DML and SOQL). */

/** Anything that can run a parameterised query: a pg.Pool or a checked-out pg.PoolClient. */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}

export type DmlOperation = "insert" | "update" | "upsert" | "delete" | "hardDelete";

/**
 * One input row. CSV rows are all strings (empty string = not set / leave unchanged, `#N/A` = set null);
 * JSON/XML rows may carry typed values, `null` meaning "set null". Relationship values are either a
 * dotted column (`"Account.External_Id__c": "A-1"`) or, for JSON/XML, a nested object
 * (`"Account": { "External_Id__c": "A-1" }`, polymorphic `{ "attributes": { "type": "Lead" }, "Email": … }`).
 */
export type DmlValue = string | number | boolean | null;
export type DmlRow = Record<string, DmlValue | DmlNestedValue | undefined>;
export interface DmlNestedValue {
  attributes?: { type?: string };
  [field: string]: DmlValue | { type?: string } | undefined;
}

export interface DmlRequest {
  operation: DmlOperation;
  /** sObject API name, case-insensitive. */
  object: string;
  /** Required for upsert: the external id (or idLookup) field used to match rows. */
  externalIdField?: string;
  rows: DmlRow[];
  /** "csv" (default) applies the CSV rules (empty = ignore, `#N/A` = null); "json"/"xml" treat "" as a value. */
  format?: "csv" | "json" | "xml";
}

export interface DmlError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface DmlRowResult {
  /** 18-char id; null for failed inserts. */
  id: string | null;
  success: boolean;
  created: boolean;
  errors: DmlError[];
}

/** A whole-batch failure, reported by Salesforce in the batch's stateMessage as `${code} : ${message}`. */
export interface BatchError {
  code: "InvalidBatch" | "InvalidJob" | "InvalidOperation";
  message: string;
}

export interface OrgInfo {
  id: string;
  name: string;
  isSandbox: boolean;
  instanceName: string;
  organizationType: string;
  namespacePrefix: string | null;
}

export interface UserInfo {
  id: string;
  orgId: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  name: string;
  alias: string;
  timeZone: string;
  locale: string;
  language: string;
  profileId: string;
  roleId: string | null;
  isActive: boolean;
  org: OrgInfo;
}

export interface OAuthClientInfo {
  clientId: string;
  name: string;
  /** Glob patterns (`*` matches any run of characters) the redirect_uri must match. */
  redirectPatterns: string[];
  /** PEM certificate or public key that verifies JWT bearer assertions; null when not configured. */
  jwtPublicKey: string | null;
  /** The user client_credentials tokens act as. */
  runAsUserId: string | null;
}

export interface QueryOptions {
  /** queryAll semantics: include rows in the recycle bin. */
  includeDeleted?: boolean;
  /** Restrict to an Id range (PK chunking): `gte <= Id < lt`. 15- or 18-char ids. */
  idRange?: { gte?: string; lt?: string };
  /** Skip this many rows before the first returned one (paging by re-running the query). */
  skip?: number;
  /** Rows per chunk yielded by `rows()` (default 2000). */
  chunkSize?: number;
  /** Compute `totalSize` before streaming (one extra COUNT query). */
  withTotalSize?: boolean;
  /** API version used in `attributes.url` of JSON records (default "62.0"). */
  apiVersion?: string;
}

export interface QueryColumn {
  /** Dotted path as selected, canonical case, e.g. `Account.Name`. */
  path: string;
  /** Salesforce field type of the leaf field (`string`, `double`, `datetime`, …). */
  type: string;
}

/**
 * A running query. `rows()` streams chunks of JSON-shaped records (REST shape: `attributes`,
 * parent relationships as nested objects or null); it holds a DB connection until iteration
 * ends, so always iterate to the end or `break` out of a `for await` (which releases it).
 */
export interface QueryRun {
  /** Canonical sObject name. */
  object: string;
  /** Selected columns in query order (empty for COUNT()). */
  columns: QueryColumn[];
  /** True for `SELECT COUNT() FROM …`: totalSize holds the answer and rows() yields nothing. */
  countOnly: boolean;
  totalSize?: number;
  rows(): AsyncIterable<QueryRecord[]>;
}

export type QueryRecord = Record<string, unknown>;

export interface IdRange {
  /** Inclusive lower bound (18-char id). */
  gte: string;
  /** Exclusive upper bound; null for the last chunk. */
  lt: string | null;
}

export interface DemoOrgOptions {
  username?: string;
  sandboxUsername?: string;
  password?: string;
  securityToken?: string;
  orgName?: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
  oauthRedirectPatterns?: string[];
  /** PEM certificate/public key for the JWT bearer flow of the demo OAuth client. */
  oauthJwtPublicKey?: string | null;
  /** Seed sample records (default true). */
  seedRecords?: boolean;
}

export interface DemoOrgResult {
  /** False when the demo org already existed (nothing was changed). */
  created: boolean;
  orgId: string;
  userId: string;
  sandboxOrgId: string;
  sandboxUserId: string;
  username: string;
  sandboxUsername: string;
  password: string;
  securityToken: string;
  oauthClientId: string;
  oauthClientSecret: string;
}
