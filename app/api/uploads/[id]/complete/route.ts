import { requireMembership } from "@/lib/auth";
import { apiRoute, assertSameOrigin, readJson } from "@/lib/http";
import { completeUpload } from "@/lib/uploads/mutations";
import { completeUploadSchema } from "@/lib/uploads/schema";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  assertSameOrigin(request);
  const { id } = await params;
  const ctx = await requireMembership("member", new URL(request.url).searchParams.get("teamId") ?? undefined);
  return Response.json(await completeUpload(ctx.teamId, id, await readJson(request, completeUploadSchema)));
});
