import { metaFromHeaders } from "@/lib/audit";
import { requireMembership } from "@/lib/auth";
import { loadResultDownload } from "@/lib/bulk-jobs/loaders";
import { apiRoute } from "@/lib/http";

export const dynamic = "force-dynamic";

/** `successes`, `failures`, `unprocessed` (data jobs) or `query` (query jobs, optionally `?rowsPerFile=N&part=k`), streamed. */
export const GET = apiRoute<{ id: string; kind: string }>(async (request, { params }) => {
  const { id, kind } = await params;
  const ctx = await requireMembership("viewer", new URL(request.url).searchParams.get("teamId") ?? undefined);
  const search = new URL(request.url).searchParams;
  const split = { rowsPerFile: search.get("rowsPerFile"), part: search.get("part") };
  const download = await loadResultDownload(ctx, id, kind, metaFromHeaders(request.headers), split);
  return new Response(download.body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${download.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
