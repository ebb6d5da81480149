/**
 * The hardening suite's way to call the real route handlers with one session, and its checks that a
 * refusal is a safe, actionable 4xx in our error envelope.
 */
import { expect } from "vitest";
import { callRoute } from "../integration/bulk-jobs/next-request";

const handlers = {
  "upload-create": async () => (await import("../../app/api/uploads/route")).POST,
  "upload-complete": async () => (await import("../../app/api/uploads/[id]/complete/route")).POST,
  "upload-part": async () => (await import("../../app/api/uploads/[id]/parts/[n]/route")).PUT,
  "job-create": async () => (await import("../../app/api/jobs/route")).POST,
  job: async () => (await import("../../app/api/jobs/[id]/route")).GET,
  events: async () => (await import("../../app/api/jobs/[id]/events/route")).GET,
  abort: async () => (await import("../../app/api/jobs/[id]/abort/route")).POST,
  retry: async () => (await import("../../app/api/jobs/[id]/retry/route")).POST,
  results: async () => (await import("../../app/api/jobs/[id]/results/[kind]/route")).GET,
  org: async () => (await import("../../app/api/orgs/[id]/route")).GET,
  "org-test": async () => (await import("../../app/api/orgs/[id]/test/route")).POST,
  list: async () => (await import("../../app/api/jobs/route")).GET,
};

type Params = Record<string, string>;
type AnyHandler = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;
type BodyRoute = "upload-create" | "upload-complete" | "job-create";
type IdRoute = "job" | "events" | "abort" | "retry" | "results" | "org" | "org-test" | "list";

const PATHS: Record<BodyRoute, (p: Params) => string> = {
  "upload-create": () => "/api/uploads",
  "upload-complete": (p) => `/api/uploads/${encodeURIComponent(p.id)}/complete`,
  "job-create": () => "/api/jobs",
};
// Ids are URL-encoded in the path ("../x", NUL) and reach the handler decoded, in params, as the router does it.
const ID_PATHS: Record<IdRoute, { method: string; path: (id: string, kind: string) => string }> = {
  job: { method: "GET", path: (id) => `/api/jobs/${encodeURIComponent(id)}` },
  events: { method: "GET", path: (id) => `/api/jobs/${encodeURIComponent(id)}/events` },
  abort: { method: "POST", path: (id) => `/api/jobs/${encodeURIComponent(id)}/abort` },
  retry: { method: "POST", path: (id) => `/api/jobs/${encodeURIComponent(id)}/retry` },
  results: { method: "GET", path: (id, kind) => `/api/jobs/${encodeURIComponent(id)}/results/${encodeURIComponent(kind)}` },
  org: { method: "GET", path: (id) => `/api/orgs/${encodeURIComponent(id)}` },
  "org-test": { method: "POST", path: (id) => `/api/orgs/${encodeURIComponent(id)}/test` },
  // The history: `id` is the search text, `kind` any other query string.
  list: { method: "GET", path: (id, kind) => `/api/jobs?${id ? `search=${encodeURIComponent(id)}` : kind}` },
};

export interface Caller {
  cookie: string;
  raw(route: BodyRoute, body: Uint8Array, params: Params, contentType?: string): Promise<Response>;
  json(route: BodyRoute, body: unknown, params?: Params): Promise<Response>;
  part(uploadId: string, n: string, body: Uint8Array, contentType?: string): Promise<Response>;
  route(route: IdRoute, id: string, kind?: string): Promise<Response>;
}

async function send(name: keyof typeof handlers, method: string, path: string, cookie: string, params: Params, body?: Uint8Array, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = { cookie };
  if (contentType) headers["content-type"] = contentType;
  const request = new Request(`http://localhost${path}`, { method, headers, ...(body ? { body, duplex: "half" } : {}) } as RequestInit);
  const handler = (await handlers[name]()) as unknown as AnyHandler;
  return callRoute(handler, request, params);
}

export function routeCaller(cookie: string): Caller {
  const caller: Caller = {
    cookie,
    raw: (route, body, params, contentType = "application/json") => send(route, "POST", PATHS[route](params), cookie, params, body, contentType),
    json: (route, body, params = {}) => caller.raw(route, Buffer.from(JSON.stringify(body)), params),
    part: (uploadId, n, body, contentType = "text/csv") => send("upload-part", "PUT", `/api/uploads/${encodeURIComponent(uploadId)}/parts/${encodeURIComponent(n)}`, cookie, { id: uploadId, n }, body, contentType),
    route: (route, id, kind = "successes") => send(route, ID_PATHS[route].method, ID_PATHS[route].path(id, kind), cookie, route === "results" ? { id, kind } : route === "list" ? {} : { id }),
  };
  return caller;
}

/** No stack frames, source paths or driver internals in anything a caller sees. */
export function expectSafeText(text: string): void {
  expect(text).not.toMatch(/\n\s+at |node_modules|\/work\/|\.tsx?:\d|prisma|PrismaClient|ECONNREFUSED|TypeError|undefined/i);
}

export async function expectRefusal(response: Response, expected: { status: number; code: string; message: RegExp }, label = ""): Promise<void> {
  const text = await response.text();
  expect(response.status, `${label} ${text}`).toBe(expected.status);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get("content-type"), label).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.keys(body), label).toEqual(["error"]);
  expect(body.error.code, `${label} ${text}`).toBe(expected.code);
  expect(body.error.message, label).toMatch(expected.message);
  // A sentence a person can act on, not a bare code.
  expect(body.error.message.length, label).toBeGreaterThan(10);
  expectSafeText(text);
}
