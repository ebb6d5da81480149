import { requireMembership } from "@/lib/auth";
import { apiRoute, assertSameOrigin, readJson } from "@/lib/http";
import { createUpload } from "@/lib/uploads/mutations";
import { createUploadSchema } from "@/lib/uploads/schema";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  assertSameOrigin(request);
  const ctx = await requireMembership("member", new URL(request.url).searchParams.get("teamId") ?? undefined);
  const input = await readJson(request, createUploadSchema);
  return Response.json(await createUpload(ctx.teamId, ctx.user.id, input), { status: 201 });
});
