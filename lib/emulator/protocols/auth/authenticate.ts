/** Token extraction, session lookup and API-request counting shared by REST, Bulk v1 and Bulk v2. */
import { ApiError } from "../../http/errors";
import type { EmulatorContext } from "../../http/context";
import type { EmulatorRequest } from "../../http/types";
import { findSession, type Session } from "./sessions";
import { countApiRequest } from "./usage";

export type AuthFamily = "v1" | "rest";

export function bearerToken(req: EmulatorRequest): string | undefined {
  const authorization = req.header("authorization");
  const match = authorization ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(authorization.trim()) : null;
  return match?.[1]?.trim() || undefined;
}

function sessionError(family: AuthFamily, missing: boolean): ApiError {
  if (family === "v1") {
    return new ApiError(400, "InvalidSessionId", missing ? "Unable to find session id" : "Invalid session id");
  }
  return new ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid");
}

export function requestLimitError(family: AuthFamily): ApiError {
  return family === "v1"
    ? new ApiError(403, "ExceededQuota", "TotalRequests Limit exceeded.")
    : new ApiError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
}

/**
 * Resolves the caller's session (v1: `X-SFDC-Session`, falling back to Bearer; REST: Bearer) and counts
 * the request against DailyApiRequests, setting `Sforce-Limit-Info` for the response.
 */
export async function authenticate(ctx: EmulatorContext, req: EmulatorRequest, family: AuthFamily): Promise<Session> {
  const token = (family === "v1" ? req.header("x-sfdc-session")?.trim() : undefined) || bearerToken(req);
  if (!token) throw sessionError(family, true);
  const session = await findSession(ctx, token);
  if (!session) throw sessionError(family, false);
  if (await countApiRequest(ctx, req, session.orgId)) throw requestLimitError(family);
  return session;
}
