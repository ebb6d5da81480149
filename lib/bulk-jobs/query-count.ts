/**
 * "Row count estimate when cheap": `SELECT COUNT() FROM <object> [WHERE …]` derived from the job's SOQL,
 * run through the REST query API with a time limit. Anything it cannot answer quickly gets a reason instead.
 */
import { z } from "zod";
import type { MembershipContext } from "../auth";
import { AppError } from "../errors";
import { getSalesforceClient } from "../orgs";
import { SalesforceApiError } from "../salesforce";
import { getOrgConnectionForJob } from "./data";

export type QueryCount = { count: number; soql: string } | { count: null; reason: string };

const COUNT_TIMEOUT_MS = 5_000;

/** The COUNT() form of a SOQL query, or why there is none (GROUP BY, aggregates and sub-queries change what a row is). */
export function countSoqlFor(soql: string): { soql: string; limit: number | null } | { reason: string } {
  const text = soql.trim().replace(/;$/, "");
  const match = /^select\s+([\s\S]+?)\s+from\s+([A-Za-z][A-Za-z0-9_]*)\b([\s\S]*)$/i.exec(text);
  if (!match) return { reason: "The query needs the form SELECT … FROM Object." };
  const [, fields, object, tail] = match;
  if (/\(\s*select\b/i.test(fields) || /\b(count|sum|avg|min|max|count_distinct)\s*\(/i.test(fields)) {
    return { reason: "Queries with sub-queries or aggregates are not counted in advance." };
  }
  if (/\bgroup\s+by\b/i.test(tail)) return { reason: "GROUP BY queries are not counted in advance." };
  // WHERE up to ORDER BY / LIMIT / OFFSET / FOR / WITH / USING SCOPE: those do not change how many rows match.
  const where = /\bwhere\b([\s\S]*?)(?=\b(order\s+by|limit|offset|for\s+(view|reference|update)|with|using\s+scope)\b|$)/i.exec(tail)?.[1]?.trim();
  const limit = /\blimit\s+(\d+)/i.exec(tail)?.[1];
  return { soql: `SELECT COUNT() FROM ${object}${where ? ` WHERE ${where}` : ""}`, limit: limit ? Number(limit) : null };
}

/** Counts rows that are not deleted (a queryAll job may return more). */
export async function estimateQueryRows(ctx: MembershipContext, orgConnectionId: string, rawSoql: unknown): Promise<QueryCount> {
  const soql = z.string().trim().min(1, "Write a query first.").max(100_000).parse(rawSoql);
  if (!(await getOrgConnectionForJob(ctx.teamId, orgConnectionId))) throw new AppError("NOT_FOUND", "Org connection not found.");
  const derived = countSoqlFor(soql);
  if ("reason" in derived) return { count: null, reason: derived.reason };
  const client = await getSalesforceClient(ctx.teamId, orgConnectionId);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), COUNT_TIMEOUT_MS)));
  try {
    const count = await Promise.race([client.rest.queryCount(derived.soql), timeout]);
    if (count === null) return { count: null, reason: `Counting took longer than ${COUNT_TIMEOUT_MS / 1000} s; the job itself will tell.` };
    return { count: derived.limit === null ? count : Math.min(count, derived.limit), soql: derived.soql };
  } catch (error) {
    if (error instanceof SalesforceApiError) return { count: null, reason: `Salesforce could not count this query: ${error.message}` };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
