/** The metrics bearer check: METRICS_TOKEN unset hides the endpoint entirely (404). */
import { timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";

export function assertMetricsRequest(request: Request, token = process.env.METRICS_TOKEN): void {
  if (!token) throw new AppError("NOT_FOUND", "Metrics are disabled; set METRICS_TOKEN to enable them.");
  const given = Buffer.from((request.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, ""));
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("UNAUTHENTICATED", "Wrong or missing metrics token.");
}
