import { checkHealth } from "@/lib/health/check";

// Always live: a cached health answer would hide an outage.
export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    // Only the database takes the app out of service; a degraded report still answers 200.
    status: report.status === "down" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
}
