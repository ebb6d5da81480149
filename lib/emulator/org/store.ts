import type pg from "pg";
import { getObject } from "../objects";
import { applyDml } from "./dml/apply";
import { checkColumns } from "./dml/columns";
import { describeGlobalBody, describeObjectBody } from "./describe";
import type { OrgStore } from "./index";
import { pkChunkBoundaries } from "./pk-chunks";
import { retrieveRecord, runQuery } from "./query";
import {
  checkCredentials,
  getOAuthClient,
  getOrgById,
  getUserById,
  getUserByUsername,
  verifyOAuthClientSecret,
} from "./users";

const DEFAULT_VERSION = "62.0";

export function createStore(pool: pg.Pool): OrgStore {
  return {
    getOrg: (orgId) => getOrgById(pool, orgId),
    describeGlobal: async (_orgId, apiVersion = DEFAULT_VERSION) => describeGlobalBody(apiVersion),
    describe: async (_orgId, objectName, apiVersion = DEFAULT_VERSION) => {
      const meta = getObject(objectName);
      return meta && describeObjectBody(meta, apiVersion);
    },
    resolveObjectName: (objectName) => getObject(objectName)?.name,
    checkHeader: (_orgId, objectName, operation, columns, externalIdField) => {
      const meta = getObject(objectName);
      if (!meta) return { code: "InvalidJob", message: `Unable to find object: ${objectName}` };
      return checkColumns(meta, operation, columns, externalIdField);
    },
    applyDml: (orgId, userId, request, options) => applyDml(pool, orgId, userId, request, { client: options?.client }),
    query: (orgId, soql, options) => runQuery(pool, orgId, soql, options),
    retrieve: (orgId, objectName, id, options) => retrieveRecord(pool, orgId, objectName, id, options),
    pkChunkBoundaries: async (orgId, objectName, chunkSize, startRow) => {
      const meta = getObject(objectName);
      if (!meta) throw new Error(`Unknown object: ${objectName}`);
      return pkChunkBoundaries(pool, orgId, meta, chunkSize, startRow);
    },
    authenticateUser: (username, secret) => checkCredentials(pool, username, secret, "credential"),
    verifyUserPassword: (username, password) => checkCredentials(pool, username, password, "password"),
    getUser: (userId) => getUserById(pool, userId),
    getUserByUsername: (username) => getUserByUsername(pool, username),
    getOAuthClient: (clientId) => getOAuthClient(pool, clientId),
    verifyOAuthClientSecret: (clientId, secret) => verifyOAuthClientSecret(pool, clientId, secret),
  };
}
