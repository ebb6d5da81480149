import { cookies } from "next/headers";
import { apiRoute } from "@/lib/http";
import { oauthCallbackRoute } from "@/lib/orgs/oauth-callback";

export const dynamic = "force-dynamic";

// Salesforce redirects the browser here after the consent page.
export const GET = apiRoute(async (request) => oauthCallbackRoute(request, await cookies()));
