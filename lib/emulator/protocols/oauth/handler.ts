/** OAuth 2.0 endpoints under `/services/oauth2/` plus the identity URL `/id/{orgId}/{userId}`. */
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import { authorize } from "./authorize";
import { identity, userinfo } from "./identity";
import { token } from "./token";

export function renderOAuthError(error: ApiError): EmulatorResponse {
  return {
    status: error.status,
    headers: { "Content-Type": "application/json;charset=UTF-8", "Cache-Control": "no-store" },
    body: JSON.stringify({ error: error.code, error_description: error.message }),
  };
}

/** jsforce parses revoke errors with querystring.parse, so they are urlencoded, not JSON. */
function revokeError(error: string, description: string): EmulatorResponse {
  return {
    status: 400,
    headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
    body: new URLSearchParams({ error, error_description: description }).toString(),
  };
}

async function revoke(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  const form = req.method === "POST" ? new URLSearchParams(await req.text(64 * 1024)) : req.query;
  const value = form.get("token") ?? req.query.get("token");
  if (!value) return revokeError("unsupported_token_type", "this token type is not supported");
  const refresh = await ctx.pool.query("UPDATE emulator.refresh_tokens SET revoked = true WHERE token = $1 AND NOT revoked", [value]);
  if (refresh.rowCount) {
    await ctx.pool.query("UPDATE emulator.sessions SET revoked = true WHERE refresh_token = $1", [value]);
    return { status: 200, headers: {}, body: "" };
  }
  const access = await ctx.pool.query("UPDATE emulator.sessions SET revoked = true WHERE token = $1 AND NOT revoked", [value]);
  if (access.rowCount) return { status: 200, headers: {}, body: "" };
  return revokeError("invalid_token", "invalid token");
}

export async function handleOAuth(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  if (req.segments[0] === "id") {
    if (req.segments.length !== 3) throw new ApiError(404, "not_found", "unknown identity URL");
    return identity(ctx, req);
  }
  switch (req.segments.slice(2).join("/")) {
    case "authorize":
      return authorize(ctx, req);
    case "token":
      return token(ctx, req);
    case "revoke":
      return revoke(ctx, req);
    case "userinfo":
      return userinfo(ctx, req);
    default:
      throw new ApiError(404, "not_found", `unknown OAuth endpoint: ${req.path}`);
  }
}
