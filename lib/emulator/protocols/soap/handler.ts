/** SOAP partner endpoint `POST /services/Soap/u/{ver}[/{orgId}]`: login, logout, getUserInfo. */
import type { EmulatorContext } from "../../http/context";
import { ApiError } from "../../http/errors";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import { createSession, findSession, revokeSession } from "../auth/sessions";
import { countApiRequest } from "../auth/usage";
import { normalizeVersion } from "../common/format";
import { parseXml, pick, textOf } from "../common/xml-parse";
import { faultXml, getUserInfoResponseXml, loginResponseXml, logoutResponseXml, type FaultDetail } from "./envelopes";

const XML_TYPE = "text/xml;charset=UTF-8";
const SOAP_LOGIN_LIMIT = 10 * 1024;
const LOGIN_MESSAGE = "Invalid username, password, security token; or user locked out.";

export function soapFault(status: number, code: string, message: string, detail: FaultDetail = "UnexpectedErrorFault"): EmulatorResponse {
  return { status, headers: { "Content-Type": XML_TYPE }, body: faultXml(code, message, detail) };
}

function clientFault(message: string): EmulatorResponse {
  return { status: 500, headers: { "Content-Type": XML_TYPE }, body: faultXml("Client", message, null, "soapenv:Client") };
}

function ok(body: string): EmulatorResponse {
  return { status: 200, headers: { "Content-Type": XML_TYPE }, body };
}

function versionFault(version: string | null, ctx: EmulatorContext): EmulatorResponse | null {
  if (version === null || Number(version) < ctx.config.minApiVersion || Number(version) > ctx.config.maxApiVersion) {
    return soapFault(500, "UNSUPPORTED_API_VERSION", `Invalid Api version specified on URL`);
  }
  return null;
}

async function login(ctx: EmulatorContext, req: EmulatorRequest, version: string, node: unknown): Promise<EmulatorResponse> {
  if (Number(version) >= 65) {
    return soapFault(
      500,
      "INVALID_OPERATION",
      `The SOAP Login operation is not available in the API version specified (${version}). Refer to the documentation for supported versions.`,
    );
  }
  if (!ctx.config.soapLoginEnabled) {
    return soapFault(
      500,
      "INVALID_OPERATION",
      "SOAP API login() is disabled by default in this org. Contact the org administrator to enable SOAP API login().",
    );
  }
  const username = textOf(pick(node, "username")) ?? "";
  const password = textOf(pick(node, "password")) ?? "";
  const user = username && password ? await ctx.store.authenticateUser(username, password) : null;
  if (!user || !user.isActive) return soapFault(500, "INVALID_LOGIN", LOGIN_MESSAGE, "LoginFault");
  const session = await createSession(ctx, { orgId: user.orgId, userId: user.id });
  await countApiRequest(ctx, req, user.orgId);
  return ok(
    loginResponseXml({
      origin: req.origin,
      version,
      sessionId: session.token,
      user,
      org: user.org,
      sessionSeconds: ctx.config.sessionTtlSeconds,
    }),
  );
}

async function withSession(ctx: EmulatorContext, envelope: unknown) {
  const token = textOf(pick(envelope, "Header", "SessionHeader", "sessionId"));
  const session = token ? await findSession(ctx, token) : null;
  if (!session) throw new ApiError(500, "INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session");
  return session;
}

export async function handleSoap(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  // Path: services / Soap / u / {ver} [/ {orgId}]
  if (req.segments[2] !== "u" || req.segments.length < 4 || req.segments.length > 5) {
    return soapFault(404, "UNKNOWN_EXCEPTION", "Unknown SOAP endpoint: only the partner API (/services/Soap/u) is emulated");
  }
  if (req.method !== "POST") return clientFault("Only POST is supported for SOAP requests");
  const version = normalizeVersion(req.segments[3]);
  const unsupported = versionFault(version, ctx);
  if (unsupported || version === null) return unsupported!;
  const text = await req.text(SOAP_LOGIN_LIMIT * 100);
  if (!text.trim()) return clientFault("Premature end of file.");
  const doc = parseXml(text);
  const envelope = pick(doc, "Envelope");
  const body = pick(envelope, "Body");
  if (!body || typeof body !== "object") return clientFault("Unable to parse the request: not a SOAP envelope");
  const operation = Object.keys(body).find((key) => !key.startsWith("@"));
  const node = operation ? (body as Record<string, unknown>)[operation] : undefined;
  switch (operation) {
    case "login":
      if (Buffer.byteLength(text) > SOAP_LOGIN_LIMIT) return clientFault("Request too large for login()");
      return login(ctx, req, version, node);
    case "logout": {
      const session = await withSession(ctx, envelope);
      await revokeSession(ctx, session.token);
      return ok(logoutResponseXml());
    }
    case "getUserInfo": {
      const session = await withSession(ctx, envelope);
      const user = await ctx.store.getUser(session.userId);
      if (!user) throw new ApiError(500, "INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session");
      return ok(getUserInfoResponseXml(user, user.org, ctx.config.sessionTtlSeconds));
    }
    default:
      return soapFault(500, "INVALID_OPERATION", `Operation ${operation ?? "(none)"} is not supported by this emulator`);
  }
}
