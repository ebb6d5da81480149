import { metaFromHeaders } from "@/lib/audit";
import { requireMembership } from "@/lib/auth";
import { abortJob } from "@/lib/bulk-jobs/service";
import { apiRoute, assertSameOrigin } from "@/lib/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  assertSameOrigin(request);
  const ctx = await requireMembership("member", new URL(request.url).searchParams.get("teamId") ?? undefined);
  return Response.json(await abortJob(ctx, (await params).id, metaFromHeaders(request.headers)));
});
