/** Route-handler wrapper: every API error leaves as the one envelope, never with a stack trace. */
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError, isAppError, toErrorEnvelope } from "./errors";
import { getEnv } from "./env.mjs";
import { getLogger } from "./logger";

type RouteParams = Record<string, string | string[] | undefined>;

interface RouteContext<P extends RouteParams = RouteParams> {
  params: Promise<P>;
}

type Handler<P extends RouteParams> = (request: Request, context: RouteContext<P>) => Promise<Response>;

function jsonError(error: AppError): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.retryAfterSeconds) headers["retry-after"] = String(error.retryAfterSeconds);
  return Response.json(toErrorEnvelope(error), { status: error.status, headers });
}

/** Zod issues become one VALIDATION error naming each bad field. */
function fromZodError(error: ZodError): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    fieldErrors[key] ??= issue.message;
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  return new AppError("VALIDATION", `Invalid input: ${summary}`, { fieldErrors });
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) return fromZodError(error);
  return new AppError("INTERNAL", "Something went wrong on our side. Try again, and check the server log if it persists.");
}

/** A caller's (load balancer's) X-Request-Id is kept when it is a plain token, so ids join up across hops. */
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
  } catch {
    // Some responses (redirects, proxied fetches) have immutable headers; the log line still has the id.
  }
  return response;
}

/** PostgreSQL text cannot hold NUL: an id or filter carrying one is refused here rather than failing in the database. */
async function refuseNulCharacters(request: Request, context: RouteContext<RouteParams>): Promise<void> {
  const params = (await context?.params) ?? {};
  if (containsNul(params)) throw new AppError("NOT_FOUND", "Not found: no id contains a NUL character.");
  if (containsNul([...new URL(request.url).searchParams.values()])) {
    throw new AppError("VALIDATION", "The query string contains a NUL character (%00); remove it.", { status: 400 });
  }
}

/**
 * Wraps a route handler. Known errors map to their status; anything else is logged (with its stack,
 * server-side only) and answered as a generic 500. Every request gets one log line with its request id,
 * which the response echoes in X-Request-Id.
 */
export function apiRoute<P extends RouteParams = RouteParams>(handler: Handler<P>): Handler<P> {
  return async (request, context) => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    const log = getLogger().child({ requestId, method: request.method, path: new URL(request.url).pathname });
    let response: Response;
    try {
      await refuseNulCharacters(request, context);
      response = await handler(request, context);
    } catch (error) {
      if (isNextControlFlow(error)) throw error;
      const appError = toAppError(error);
      if (appError.code === "INTERNAL") log.error({ err: error }, "unhandled route error");
      response = jsonError(appError);
    }
    const status = response.status;
    log[status >= 500 ? "error" : "info"]({ status, durationMs: Math.round(performance.now() - started) }, "request");
    return withRequestId(response, requestId);
  };
}

/** JSON bodies are small (the largest is an upload's header row); anything bigger is refused unread. */
const MAX_JSON_BYTES = 2 * 1024 * 1024;
const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

/**
 * A request body read with a byte cap: a declared or actual size over `maxBytes` throws `tooLarge()`
 * without buffering the rest. A request without a body gives an empty buffer.
 */
export async function readCappedBody(request: Request, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readCappedText(request: Request): Promise<string> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB; JSON requests are small, send file data as upload parts.`);
  return (await readCappedBody(request, MAX_JSON_BYTES, tooLarge)).toString("utf8");
}

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([key, inner]) => key.includes("\u0000") || containsNul(inner));
  return false;
}

/** Reads and validates a JSON object body: malformed JSON or another shape is a 400, a form post a 415. */
export async function readJson<T>(request: Request, schema: { parse(value: unknown): T }): Promise<T> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (FORM_TYPES.includes(type)) {
    throw new AppError("VALIDATION", `Send this request as JSON (Content-Type: application/json), not ${type}.`, { status: 415 });
  }
  let body: unknown;
  try {
    body = JSON.parse(await readCappedText(request));
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("VALIDATION", "The request body must be JSON.", { status: 400 });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("VALIDATION", "The request body must be a JSON object ({ … }), not an array or a single value.", { status: 400 });
  }
  if (containsNul(body)) throw new AppError("VALIDATION", "The request body contains a NUL character (\\u0000), which no field accepts.", { status: 400 });
  return schema.parse(body);
}

/** redirect()/notFound() from next/navigation work by throwing; they must pass through untouched. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND");
}

/**
 * Cross-site requests are refused on state-changing API calls: the session cookie is SameSite=Lax,
 * and this Origin / Sec-Fetch-Site check covers the rest (route handlers get no CSRF token from Next).
 */
export function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("FORBIDDEN", "Cross-site requests are not allowed.");
  }
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin) {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    if (!host || new URL(origin).host !== host) throw new AppError("FORBIDDEN", "Cross-site requests are not allowed.");
  }
}

/** This app's public origin: NEXTAUTH_URL when set, else the request's own host. */
export function appOrigin(headers: { get(name: string): string | null }): string {
  const configured = getEnv().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost";
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
