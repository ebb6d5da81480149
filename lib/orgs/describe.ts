/**
 * describeGlobal, describe and /limits for a team's connection, behind a short in-memory cache: the wizard
 * asks for the same object list and describe on every step, and each call costs a daily API request.
 */
import { AppError } from "../errors";
import { SalesforceApiError, type DescribeGlobalSObject, type DescribeSObject, type OrgLimits } from "../salesforce";
import { getConnection } from "./data";
import { getSalesforceClient } from "./index";

export interface ObjectSummary {
  name: string;
  label: string;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  queryable: boolean;
}

export interface LimitLeft {
  max: number;
  remaining: number;
}

export interface OrgLimitsLeft {
  dailyApiRequests: LimitLeft;
  dailyBulkApiBatches: LimitLeft;
  dailyBulkV2QueryJobs?: LimitLeft;
}

const DESCRIBE_TTL_MS = 5 * 60_000;
// Limits move with every job, so they are cached just long enough to absorb one page's repeated asks.
const LIMITS_TTL_MS = 15_000;
const MAX_ENTRIES = 500;

const cache = new Map<string, { expires: number; value: Promise<unknown> }>();

function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  if (cache.size >= MAX_ENTRIES) {
    for (const [k, entry] of cache) if (entry.expires <= now) cache.delete(k);
    if (cache.size >= MAX_ENTRIES) cache.clear();
  }
  const value = load();
  cache.set(key, { expires: now + ttlMs, value });
  // A failure is never cached: the next ask tries Salesforce again.
  value.catch(() => cache.delete(key));
  return value;
}

/** Salesforce faults become messages a person can act on; our own AppErrors pass through. */
function toFriendlyError(error: unknown, what: string): never {
  if (error instanceof AppError) throw error;
  if (error instanceof SalesforceApiError) {
    if (error.errorCode === "NOT_FOUND" || error.status === 404) throw new AppError("NOT_FOUND", `Salesforce does not know ${what}, or this connection's user cannot see it.`);
    if (error.errorCode === "REQUEST_LIMIT_EXCEEDED") throw new AppError("SALESFORCE", "The org has used its daily API requests; try again later.");
    if (error.retryable) throw new AppError("SALESFORCE", `Salesforce could not be reached for ${what}; try again in a moment.`);
    throw new AppError("SALESFORCE", `Salesforce refused the request for ${what}: ${error.errorCode}: ${error.message}`);
  }
  throw new AppError("SALESFORCE", `Salesforce could not be reached for ${what}; try again in a moment.`);
}

/** The connection must belong to the team before anything, cache hits included: another team gets a 404. */
async function withConnection<T>(teamId: string, connectionId: string, key: string, ttlMs: number, what: string, load: (client: Awaited<ReturnType<typeof getSalesforceClient>>) => Promise<T>): Promise<T> {
  if (!(await getConnection(teamId, connectionId))) throw new AppError("NOT_FOUND", "Org connection not found.");
  try {
    return await cached(`${teamId}:${connectionId}:${key}`, ttlMs, async () => load(await getSalesforceClient(teamId, connectionId)));
  } catch (error) {
    toFriendlyError(error, what);
  }
}

export function listObjects(teamId: string, connectionId: string): Promise<ObjectSummary[]> {
  return withConnection(teamId, connectionId, "global", DESCRIBE_TTL_MS, "the object list", async (client) => {
    const objects: DescribeGlobalSObject[] = await client.rest.describeGlobal();
    return objects
      .map(({ name, label, createable, updateable, deletable, queryable }) => ({ name, label, createable, updateable, deletable, queryable }))
      .sort((a, b) => a.label.localeCompare(b.label));
  });
}

export async function describeObject(teamId: string, connectionId: string, objectName: string): Promise<DescribeSObject> {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(objectName)) throw new AppError("VALIDATION", `"${objectName.slice(0, 80)}" is not an object API name.`);
  return withConnection(teamId, connectionId, `describe:${objectName.toLowerCase()}`, DESCRIBE_TTL_MS, `the object ${objectName}`, (client) => client.rest.describe(objectName));
}

function pick(limits: OrgLimits, name: string): LimitLeft | undefined {
  const entry = limits[name];
  return entry ? { max: entry.Max, remaining: entry.Remaining } : undefined;
}

export function getLimitsLeft(teamId: string, connectionId: string): Promise<OrgLimitsLeft> {
  return withConnection(teamId, connectionId, "limits", LIMITS_TTL_MS, "the org's limits", async (client) => {
    const limits = await client.rest.limits();
    const none = { max: 0, remaining: 0 };
    const query = pick(limits, "DailyBulkV2QueryJobs");
    return {
      dailyApiRequests: pick(limits, "DailyApiRequests") ?? none,
      dailyBulkApiBatches: pick(limits, "DailyBulkApiBatches") ?? none,
      ...(query ? { dailyBulkV2QueryJobs: query } : {}),
    };
  });
}
