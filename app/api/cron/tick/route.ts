import { apiRoute } from "@/lib/http";
import { assertCronRequest, getProcessRunner } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** The same runner code path as the in-process loop, for hosts without long-lived servers. */
const tick = apiRoute(async (request) => {
  assertCronRequest(request);
  const steps = await getProcessRunner().drain(50_000);
  return Response.json({ steps });
});

export const POST = tick;
/** Vercel Cron calls GET (with `Authorization: Bearer $CRON_SECRET`). */
export const GET = tick;
