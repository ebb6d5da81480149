import { requireMembership } from "@/lib/auth";
import { apiRoute } from "@/lib/http";
import { getLimitsLeft } from "@/lib/orgs/describe";

export const dynamic = "force-dynamic";

/** What is left of today's quotas: `{ dailyApiRequests, dailyBulkApiBatches, dailyBulkV2QueryJobs? }`, each `{ max, remaining }`. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const ctx = await requireMembership("viewer", new URL(request.url).searchParams.get("teamId") ?? undefined);
  return Response.json(await getLimitsLeft(ctx.teamId, (await params).id), { headers: { "cache-control": "no-store" } });
});
