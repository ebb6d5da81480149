/**
 * The request pipeline: route by path prefix to a protocol family, apply request faults, render every
 * failure in the family's own error format (never a stack trace), stream bodies with backpressure.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createGzip } from "node:zlib";
import type { EmulatorContext } from "./context";
import { ApiError, BodyReadError, BodyTooLargeError } from "./errors";
import { createRequest } from "./request";
import { json, type EmulatorRequest, type EmulatorResponse } from "./types";
import { handleAdmin } from "../faults/admin";
import { requestLimitError } from "../protocols/auth/authenticate";
import { handleBulkV1, renderV1Error } from "../protocols/bulk-v1/handler";
import { handleOAuth, renderOAuthError } from "../protocols/oauth/handler";
import { handleRest, renderRestError } from "../protocols/rest/handler";
import { handleSoap, soapFault } from "../protocols/soap/handler";

type Family = "soap" | "oauth" | "rest" | "v1" | "admin" | "home";

function familyOf(segments: string[]): Family {
  const [first, second] = segments;
  if (first === "__emulator") return "admin";
  if (first === "id") return "oauth";
  if (first !== "services") return "home";
  if (second === "Soap") return "soap";
  if (second === "oauth2") return "oauth";
  if (second === "async") return "v1";
  if (second === "data") return "rest";
  return "home";
}

function renderError(ctx: EmulatorContext, req: EmulatorRequest, family: Family, error: ApiError): EmulatorResponse {
  switch (family) {
    case "soap":
      return soapFault(error.status, error.code, error.message);
    case "oauth":
      return renderOAuthError(error);
    case "v1":
      return renderV1Error(ctx, req, error);
    case "admin":
      return json(error.status, { error: { code: error.code, message: error.message } });
    default:
      return renderRestError(error);
  }
}

function toApiError(family: Family, error: unknown, ctx: EmulatorContext): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof BodyTooLargeError) {
    return new ApiError(413, family === "v1" ? "ClientInputError" : "REQUEST_ENTITY_TOO_LARGE", error.message);
  }
  if (error instanceof BodyReadError) return new ApiError(400, family === "v1" ? "ClientInputError" : "INVALID_REQUEST", error.message);
  ctx.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (family === "v1") return new ApiError(500, "InternalServerError", "An unexpected error occurred");
  if (family === "oauth") return new ApiError(500, "server_error", "internal server error");
  return new ApiError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support.");
}

function faultError(family: Family): ApiError {
  if (family === "v1") return new ApiError(503, "InternalServerError", "Service temporarily unavailable (injected fault)");
  if (family === "oauth") return new ApiError(503, "server_error", "Service temporarily unavailable (injected fault)");
  return new ApiError(503, "SERVER_UNAVAILABLE", "Service temporarily unavailable (injected fault)");
}

function home(req: EmulatorRequest): EmulatorResponse {
  if (req.path !== "/") return renderRestError(new ApiError(404, "NOT_FOUND", "The requested resource does not exist"));
  return {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=UTF-8" },
    body: `Salesforce org emulator. Login: POST ${req.origin}/services/Soap/u/62.0 or ${req.origin}/services/oauth2/token\n`,
  };
}

async function dispatch(ctx: EmulatorContext, req: EmulatorRequest, family: Family): Promise<EmulatorResponse> {
  switch (family) {
    case "soap":
      return handleSoap(ctx, req);
    case "oauth":
      return handleOAuth(ctx, req);
    case "v1":
      return handleBulkV1(ctx, req);
    case "rest":
      return handleRest(ctx, req);
    case "admin":
      return handleAdmin(ctx, req);
    default:
      return home(req);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Streamed bodies are result files (Bulk results, query pages): those are gzip-compressed when the
 * client asks, as Salesforce does; small JSON/XML answers go out as they are.
 */
async function writeResponse(res: ServerResponse, response: EmulatorResponse, req: EmulatorRequest): Promise<void> {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (req.limitInfo) headers["Sforce-Limit-Info"] = req.limitInfo;
  const body = response.body;
  if (body !== undefined && typeof body !== "string" && !Buffer.isBuffer(body) && /\bgzip\b/i.test(req.header("accept-encoding") ?? "")) {
    res.writeHead(response.status, { ...headers, "Content-Encoding": "gzip", Vary: "Accept-Encoding" });
    await pipeline(Readable.from(body), createGzip({ level: constants.Z_BEST_SPEED }), res);
    return;
  }
  if (body === undefined || typeof body === "string" || Buffer.isBuffer(body)) {
    if (body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(body));
    res.writeHead(response.status, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.status, headers);
  for await (const chunk of body) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}

function originOf(ctx: EmulatorContext, raw: IncomingMessage): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl.replace(/\/$/, "");
  const scheme = ctx.config.tls ? "https" : "http";
  const host = raw.headers.host ?? `localhost:${ctx.config.port}`;
  return `${scheme}://${host}`;
}

export function createRequestListener(ctx: EmulatorContext): (raw: IncomingMessage, res: ServerResponse) => void {
  return (raw, res) => {
    const req = createRequest(raw, originOf(ctx, raw), ctx.config.maxBodyBytes);
    const family = familyOf(req.segments);
    const fault = family === "admin" || family === "home" ? null : ctx.faults.onRequest(req.path);
    if (fault === "drop" && ctx.faults.config.dropMode === "before") {
      raw.socket.destroy();
      return;
    }
    const run = async (): Promise<EmulatorResponse> => {
      if (fault === "error") return renderError(ctx, req, family, faultError(family));
      if (fault === "limit") return renderError(ctx, req, family, requestLimitError(family === "v1" ? "v1" : "rest"));
      try {
        return await dispatch(ctx, req, family);
      } catch (error) {
        return renderError(ctx, req, family, toApiError(family, error, ctx));
      }
    };
    void run()
      .then((response) => {
        if (fault === "drop") {
          raw.socket.destroy();
          return;
        }
        return writeResponse(res, response, req);
      })
      .catch((error: unknown) => {
        ctx.log(`response failed: ${error instanceof Error ? error.message : String(error)}`);
        res.destroy();
      });
  };
}
