import { apiRoute } from "@/lib/http";
import { assertMetricsRequest, PROMETHEUS_CONTENT_TYPE, readDatabaseMetrics, renderMetrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape target, behind `Authorization: Bearer $METRICS_TOKEN`. */
export const GET = apiRoute(async (request) => {
  assertMetricsRequest(request);
  const body = renderMetrics(await readDatabaseMetrics());
  return new Response(body, { headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
});
