import { requireMembership } from "@/lib/auth";
import { apiRoute } from "@/lib/http";
import { describeObject } from "@/lib/orgs/describe";
import { toObjectInfo } from "@/lib/preflight/object-info";

export const dynamic = "force-dynamic";

/** One object's describe, reduced to what the wizard maps and validates against (`ObjectInfo`). */
export const GET = apiRoute<{ id: string; object: string }>(async (request, { params }) => {
  const ctx = await requireMembership("viewer", new URL(request.url).searchParams.get("teamId") ?? undefined);
  const { id, object } = await params;
  return Response.json(toObjectInfo(await describeObject(ctx.teamId, id, object)), { headers: { "cache-control": "no-store" } });
});
