/** The cron tick's bearer check: CRON_SECRET unset disables the endpoint. */
import { timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";

export function assertCronRequest(request: Request, secret = process.env.CRON_SECRET): void {
  if (!secret) throw new AppError("NOT_FOUND", "The cron endpoint is disabled; set CRON_SECRET to enable it.");
  const given = Buffer.from((request.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, ""));
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("UNAUTHENTICATED", "Wrong or missing cron secret.");
}
