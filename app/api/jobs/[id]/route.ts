import { requireMembership } from "@/lib/auth";
import { loadBulkJob } from "@/lib/bulk-jobs/loaders";
import { apiRoute } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const ctx = await requireMembership("viewer", new URL(request.url).searchParams.get("teamId") ?? undefined);
  return Response.json(await loadBulkJob(ctx, (await params).id), { headers: { "cache-control": "no-store" } });
});
