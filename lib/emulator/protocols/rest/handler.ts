/** REST `/services/data/…`: versions, resource map, describe, limits, query; Bulk 2.0 is delegated. */
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import { json, type EmulatorRequest, type EmulatorResponse } from "../../http/types";
import { authenticate } from "../auth/authenticate";
import { getUsage } from "../auth/usage";
import { normalizeVersion } from "../common/format";
import { handleBulkV2 } from "../bulk-v2/handler";
import { restQuery, restQueryMore } from "./query";

const SEASONS = ["Summer", "Winter", "Spring"];

/** Release label of an API version: 64.0 = Summer '25, 65.0 = Winter '26, 66.0 = Spring '26, … */
export function releaseLabel(version: number): string {
  const k = version - 64;
  const index = ((k % 3) + 3) % 3;
  const cycle = Math.floor(k / 3);
  const year = index === 0 ? 25 + cycle : 26 + cycle;
  return `${SEASONS[index]} '${String(year).padStart(2, "0")}`;
}

export function renderRestError(error: ApiError): EmulatorResponse {
  return json(error.status, [{ message: error.message, errorCode: error.code }]);
}

function versions(ctx: EmulatorContext): EmulatorResponse {
  const list = [];
  for (let v = ctx.config.minApiVersion; v <= ctx.config.maxApiVersion; v += 1) {
    list.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return json(200, list);
}

function resourceMap(req: EmulatorRequest, version: string, orgId: string, userId: string): EmulatorResponse {
  const base = `/services/data/v${version}`;
  const names = ["sobjects", "limits", "query", "queryAll", "jobs"];
  const map: Record<string, string> = {};
  for (const name of names) map[name] = `${base}/${name}`;
  map.identity = `${req.origin}/id/${orgId}/${userId}`;
  return json(200, map);
}

async function limits(ctx: EmulatorContext, orgId: string): Promise<EmulatorResponse> {
  const usage = await getUsage(ctx, orgId);
  const entry = (max: number, used: number) => ({ Max: max, Remaining: Math.max(0, max - used) });
  const l = ctx.config.limits;
  return json(200, {
    DailyApiRequests: entry(l.dailyApiRequests, usage.DailyApiRequests),
    DailyBulkApiBatches: entry(l.dailyBulkApiBatches, usage.DailyBulkApiBatches),
    DailyBulkV2QueryFileStorageMB: entry(976_562, 0),
    DailyBulkV2QueryJobs: entry(l.dailyBulkV2QueryJobs, usage.DailyBulkV2QueryJobs),
    DataStorageMB: entry(1024, 0),
    FileStorageMB: entry(1024, 0),
  });
}

const NOT_FOUND = new ApiError(404, "NOT_FOUND", "The requested resource does not exist");

export async function handleRest(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  // services / data [/ v{ver} / …]
  if (req.segments.length === 2) {
    if (req.method !== "GET") throw NOT_FOUND;
    return versions(ctx);
  }
  const version = /^v/.test(req.segments[2]) ? normalizeVersion(req.segments[2]) : null;
  if (!version) throw NOT_FOUND;
  if (Number(version) < ctx.config.minApiVersion) throw new ApiError(410, "GONE", "The requested API version is no longer supported");
  if (Number(version) > ctx.config.maxApiVersion) throw NOT_FOUND;
  const session = await authenticate(ctx, req, "rest");
  const [resource, ...rest] = req.segments.slice(3);
  if (resource === "jobs") return handleBulkV2(ctx, req, session, version, rest);
  if (req.method !== "GET") {
    throw new ApiError(405, "METHOD_NOT_ALLOWED", `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD`);
  }
  switch (resource) {
    case undefined:
      return resourceMap(req, version, session.orgId, session.userId);
    case "limits":
      if (rest.length) throw NOT_FOUND;
      return limits(ctx, session.orgId);
    case "query":
    case "queryAll":
      if (rest.length === 1) return restQueryMore(ctx, session, version, rest[0]);
      if (rest.length) throw NOT_FOUND;
      return restQuery(ctx, session, version, resource === "queryAll", req.query.get("q"));
    case "sobjects": {
      if (rest.length === 0) return json(200, await ctx.store.describeGlobal(session.orgId, version));
      if (rest.length === 2 && rest[1] === "describe") {
        const describe = await ctx.store.describe(session.orgId, rest[0], version);
        if (!describe) throw NOT_FOUND;
        return json(200, describe);
      }
      if (rest.length === 1) {
        const describe = await ctx.store.describe(session.orgId, rest[0], version);
        if (!describe) throw NOT_FOUND;
        const { fields: _fields, childRelationships: _children, recordTypeInfos: _types, ...objectDescribe } = describe;
        return json(200, { objectDescribe, recentItems: [] });
      }
      throw NOT_FOUND;
    }
    default:
      throw NOT_FOUND;
  }
}
