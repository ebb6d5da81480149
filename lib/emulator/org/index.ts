/**
 * Public entry of the emulator's data plane: org model, describe, DML, SOQL, demo seeding, ids.
 * The protocol plane (HTTP, SOAP, OAuth, Bulk APIs) codes against this file only.
 */
import type pg from "pg";
import { createStore } from "./store";
import type {
  BatchError,
  DmlOperation,
  DmlRequest,
  DmlRowResult,
  IdRange,
  OAuthClientInfo,
  OrgInfo,
  QueryOptions,
  QueryRecord,
  QueryRun,
  Queryable,
  UserInfo,
} from "./types";

export type * from "./types";
export { generateId, generateIds, normalizeId, to18 } from "./ids";
export { seedDemoOrg } from "./seed";
export { SoqlError } from "../soql";
export { csvValue, flattenRecord } from "./record-format";

export interface OrgStore {
  getOrg(orgId: string): Promise<OrgInfo | undefined>;
  /** REST describeGlobal body (§6.2); `urls` use apiVersion (default "62.0"). */
  describeGlobal(orgId: string, apiVersion?: string): Promise<Record<string, unknown>>;
  /** REST sObject describe body (§6.3); name is case-insensitive; undefined for an unknown object. */
  describe(orgId: string, objectName: string, apiVersion?: string): Promise<Record<string, unknown> | undefined>;
  /** Canonical object name for a case-insensitive name, or undefined. */
  resolveObjectName(objectName: string): string | undefined;
  /**
   * Whole-batch checks Salesforce makes before touching any row (unknown columns, bad relationship
   * columns, bad upsert key). Returns null when the header is fine.
   */
  checkHeader(
    orgId: string,
    objectName: string,
    operation: DmlOperation,
    columns: string[],
    externalIdField?: string,
  ): BatchError | null;
  /**
   * Applies one batch (≤ 10,000 rows) atomically per row; results in input order. Never throws on bad data.
   * With `client` (a checked-out client inside an open transaction) it writes in that transaction and
   * commits nothing, so the caller can commit the rows together with its own bookkeeping.
   */
  applyDml(orgId: string, userId: string, request: DmlRequest, options?: { client?: Queryable }): Promise<DmlRowResult[]>;
  /** Parses, checks and starts a SOQL query; throws SoqlError (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE…). */
  query(orgId: string, soql: string, options?: QueryOptions): Promise<QueryRun>;
  /**
   * One live record (REST `GET /sobjects/{Object}/{id}` shape) with all fields, or the listed ones;
   * undefined when the object, the id or the record is unknown. Throws SoqlError for unknown fields.
   */
  retrieve(
    orgId: string,
    objectName: string,
    id: string,
    options?: { fields?: string[]; apiVersion?: string },
  ): Promise<QueryRecord | undefined>;
  /** Id ranges of at most chunkSize rows each (Bulk v1 PK chunking), starting at startRow when given. */
  pkChunkBoundaries(orgId: string, objectName: string, chunkSize: number, startRow?: string): Promise<IdRange[]>;
  /** SOAP login / OAuth password grant: `secret` is password + security token. Null when invalid. */
  authenticateUser(username: string, secret: string): Promise<UserInfo | null>;
  /** Interactive login (OAuth authorize page): password only. */
  verifyUserPassword(username: string, password: string): Promise<UserInfo | null>;
  getUser(userId: string): Promise<UserInfo | undefined>;
  getUserByUsername(username: string): Promise<UserInfo | undefined>;
  getOAuthClient(clientId: string): Promise<OAuthClientInfo | undefined>;
  verifyOAuthClientSecret(clientId: string, secret: string): Promise<boolean>;
}

export function createOrgStore(pool: pg.Pool): OrgStore {
  return createStore(pool);
}
