import { requireMembership } from "@/lib/auth";
import { apiRoute } from "@/lib/http";
import { listObjects } from "@/lib/orgs/describe";

export const dynamic = "force-dynamic";

/** describeGlobal of a team's connection: `{ objects: [{ name, label, createable, updateable, deletable, queryable }] }`. */
export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const ctx = await requireMembership("viewer", new URL(request.url).searchParams.get("teamId") ?? undefined);
  const objects = await listObjects(ctx.teamId, (await params).id);
  return Response.json({ objects }, { headers: { "cache-control": "no-store" } });
});
