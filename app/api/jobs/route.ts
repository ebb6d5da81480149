import { metaFromHeaders } from "@/lib/audit";
import { requireMembership } from "@/lib/auth";
import { loadBulkJobs } from "@/lib/bulk-jobs/loaders";
import { createJob } from "@/lib/bulk-jobs/service";
import { apiRoute, assertSameOrigin, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

const teamOf = (request: Request) => new URL(request.url).searchParams.get("teamId") ?? undefined;

export const GET = apiRoute(async (request) => {
  const ctx = await requireMembership("viewer", teamOf(request));
  const filters = Object.fromEntries(new URL(request.url).searchParams);
  delete filters.teamId;
  return Response.json(await loadBulkJobs(ctx, filters), { headers: { "cache-control": "no-store" } });
});

export const POST = apiRoute(async (request) => {
  assertSameOrigin(request);
  const ctx = await requireMembership("member", teamOf(request));
  return Response.json(await createJob(ctx, await readJson(request, { parse: (value: unknown) => value }), metaFromHeaders(request.headers)), { status: 201 });
});
