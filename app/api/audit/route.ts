import { loadAuditLog } from "@/lib/audit/loaders";
import { apiRoute } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The team's audit log as JSON (admins and owners), with the page's filters as query parameters. */
export const GET = apiRoute(async (request) => {
  const { events, hasMore } = await loadAuditLog(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(
    { events: events.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })), hasMore },
    { headers: { "cache-control": "no-store" } },
  );
});
