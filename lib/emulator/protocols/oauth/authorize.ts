/**
 * Web-server flow `/services/oauth2/authorize`: a minimal login-and-consent page (GET) and its form
 * post (POST) that redirects back with a single-use code. PKCE S256 is enforced when a challenge is sent.
 */
import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "../../http/context";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import type { OAuthClientInfo } from "../../org";
import { escapeXml } from "../common/format";

const CODE_TTL_SECONDS = 15 * 60;
const PARAMS = ["response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method", "prompt", "login_hint"];

function redirectAllowed(client: OAuthClientInfo, uri: string): boolean {
  return client.redirectPatterns.some((pattern) => {
    const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return regex.test(uri);
  });
}

function page(status: number, title: string, content: string): EmulatorResponse {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}
input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}button{margin:1rem .5rem 0 0;padding:.5rem 1rem}
.error{color:#b00020}</style></head><body><h1>${escapeXml(title)}</h1>${content}</body></html>`;
  return { status, headers: { "Content-Type": "text/html;charset=UTF-8", "Cache-Control": "no-store" }, body: html };
}

function errorPage(error: string, description: string): EmulatorResponse {
  return page(400, "Authorization error", `<p class="error">error=${escapeXml(error)}&amp;error_description=${escapeXml(description)}</p>`);
}

function redirect(uri: string, params: Record<string, string | undefined>): EmulatorResponse {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return { status: 302, headers: { Location: url.toString(), "Cache-Control": "no-store" }, body: "" };
}

function loginForm(params: Record<string, string>, client: OAuthClientInfo, message?: string): EmulatorResponse {
  const hidden = PARAMS.filter((name) => params[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeXml(params[name])}">`)
    .join("");
  const username = escapeXml(params.login_hint ?? params.username ?? "");
  return page(
    message ? 401 : 200,
    "Log in to the Salesforce emulator",
    `${message ? `<p class="error">${escapeXml(message)}</p>` : ""}<p><strong>${escapeXml(client.name)}</strong> is requesting access (scope: ${escapeXml(params.scope ?? "api refresh_token")}).</p>
<form method="post" action="/services/oauth2/authorize">${hidden}
<label for="username">Username</label><input type="text" id="username" name="username" value="${username}" autocomplete="username">
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password">
<button type="submit" name="decision" value="allow">Log in and allow</button><button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

async function readParams(req: EmulatorRequest): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const [key, value] of req.query) params[key] = value;
  if (req.method === "POST") for (const [key, value] of new URLSearchParams(await req.text(64 * 1024))) params[key] = value;
  return params;
}

export async function authorize(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  const params = await readParams(req);
  const client = params.client_id ? await ctx.store.getOAuthClient(params.client_id) : undefined;
  if (!client) return errorPage("invalid_client_id", "client identifier invalid");
  const redirectUri = params.redirect_uri ?? "";
  if (!redirectUri || !redirectAllowed(client, redirectUri)) {
    return errorPage("redirect_uri_mismatch", "redirect_uri must match configuration");
  }
  if (params.response_type !== "code") {
    return redirect(redirectUri, { error: "unsupported_response_type", error_description: "response type not supported", state: params.state });
  }
  const challenge = params.code_challenge;
  if (challenge !== undefined && (!/^[A-Za-z0-9_-]{43}$/.test(challenge) || (params.code_challenge_method ?? "S256") !== "S256")) {
    return redirect(redirectUri, { error: "invalid_request", error_description: "invalid code_challenge", state: params.state });
  }
  if (req.method !== "POST") return loginForm(params, client);
  if (params.decision === "deny") {
    return redirect(redirectUri, { error: "access_denied", error_description: "end-user denied authorization", state: params.state });
  }
  const user = await ctx.store.verifyUserPassword(params.username ?? "", params.password ?? "");
  if (!user || !user.isActive) return loginForm(params, client, "Please check your username and password.");
  const code = `aPrx${randomBytes(32).toString("base64url")}`;
  await ctx.pool.query(
    `INSERT INTO emulator.oauth_codes (code, client_id, user_id, redirect_uri, scope, code_challenge, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
    [code, client.clientId, user.id, redirectUri, params.scope ?? "api refresh_token", challenge ?? null, CODE_TTL_SECONDS],
  );
  return redirect(redirectUri, { code, state: params.state });
}
