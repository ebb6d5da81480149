import { requireMembership } from "@/lib/auth";
import { apiRoute, assertSameOrigin } from "@/lib/http";
import { putUploadPart } from "@/lib/uploads/mutations";
import { readPartBody } from "@/lib/uploads/request-body";
import { parsePartNumber } from "@/lib/uploads/schema";

export const dynamic = "force-dynamic";

/** Idempotent: resending a part with the same bytes (after a dropped connection) answers 200 again. */
export const PUT = apiRoute<{ id: string; n: string }>(async (request, { params }) => {
  assertSameOrigin(request);
  const { id, n } = await params;
  const ctx = await requireMembership("member", new URL(request.url).searchParams.get("teamId") ?? undefined);
  const partNumber = parsePartNumber(n);
  const body = await readPartBody(request);
  const part = await putUploadPart(ctx.teamId, id, partNumber, body, request.headers.get("x-checksum-sha256") ?? undefined);
  return Response.json(part, { status: part.stored ? 201 : 200 });
});
