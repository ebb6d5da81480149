import { requireMembership } from "@/lib/auth";
import { estimateQueryRows } from "@/lib/bulk-jobs/query-count";
import { apiRoute } from "@/lib/http";

export const dynamic = "force-dynamic";

/** `?soql=…` → `{ count, soql }` from SELECT COUNT() with the query's WHERE, or `{ count: null, reason }` when that is not cheap. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const search = new URL(request.url).searchParams;
  const ctx = await requireMembership("viewer", search.get("teamId") ?? undefined);
  return Response.json(await estimateQueryRows(ctx, (await params).id, search.get("soql") ?? ""), { headers: { "cache-control": "no-store" } });
});
