import { metaFromHeaders } from "@/lib/audit";
import { requireMembership } from "@/lib/auth";
import { attachExternalJob, loadExternalJobs } from "@/lib/bulk-jobs/attach";
import { apiRoute, assertSameOrigin, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

const teamOf = (request: Request) => new URL(request.url).searchParams.get("teamId") ?? undefined;

/** The org's recent Bulk jobs as Salesforce lists them (v1 Classic, v2 ingest and query), marked when already watched here. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const ctx = await requireMembership("viewer", teamOf(request));
  return Response.json({ jobs: await loadExternalJobs(ctx, (await params).id) }, { headers: { "cache-control": "no-store" } });
});

/** Attach `{ sfJobId, jobType }`: the job is watched like our own; nothing is created at Salesforce. */
export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  assertSameOrigin(request);
  const ctx = await requireMembership("member", teamOf(request));
  const body = await readJson(request, { parse: (value: unknown) => value });
  return Response.json(await attachExternalJob(ctx, (await params).id, body, metaFromHeaders(request.headers)), { status: 201 });
});
