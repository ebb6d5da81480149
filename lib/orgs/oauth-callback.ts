/** The OAuth redirect target: finishes the flow for the signed-in user and returns to the org list. */
import { metaFromHeaders } from "../audit";
import { requireUser } from "../auth";
import { isAppError } from "../errors";
import { appOrigin } from "../http";
import { completeOAuth, OAUTH_CALLBACK_PATH, OAUTH_STATE_COOKIE } from "./oauth-flow";

interface CookieJar {
  get(name: string): { value: string } | undefined;
  delete(options: { name: string; path: string }): unknown;
}

export async function oauthCallbackRoute(request: Request, jar: CookieJar): Promise<Response> {
  const user = await requireUser();
  const url = new URL(request.url);
  const origin = appOrigin(request.headers);
  const cookieState = jar.get(OAUTH_STATE_COOKIE)?.value;
  jar.delete({ name: OAUTH_STATE_COOKIE, path: OAUTH_CALLBACK_PATH });
  try {
    const { reconnected } = await completeOAuth(
      user,
      {
        state: url.searchParams.get("state"),
        code: url.searchParams.get("code"),
        error: url.searchParams.get("error"),
        errorDescription: url.searchParams.get("error_description"),
        cookieState,
        origin,
      },
      metaFromHeaders(request.headers),
    );
    return Response.redirect(`${origin}/orgs?${reconnected ? "reconnected" : "connected"}=1`, 303);
  } catch (error) {
    // A person arrives here in a browser: show the reason on the org page rather than raw JSON.
    if (isAppError(error) && error.code !== "INTERNAL" && error.code !== "NOT_FOUND") {
      return Response.redirect(`${origin}/orgs?${new URLSearchParams({ error: error.message })}`, 303);
    }
    throw error;
  }
}
