/**
 * Calls a route handler the way Next.js does: inside a request scope, so `headers()` / `cookies()` (and
 * with them next-auth's getServerSession) see the request. Uses Next's own store factories; no mocks.
 */
import "./next-globals";
import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";

const require = createRequire(import.meta.url);
const { workAsyncStorage } = require("next/dist/server/app-render/work-async-storage.external") as { workAsyncStorage: { run<T>(store: unknown, fn: () => T): T } };
const { workUnitAsyncStorage } = require("next/dist/server/app-render/work-unit-async-storage.external") as { workUnitAsyncStorage: { run<T>(store: unknown, fn: () => T): T } };
const { createRequestStoreForAPI } = require("next/dist/server/async-storage/request-store") as { createRequestStoreForAPI: (...args: unknown[]) => unknown };
const { createWorkStore } = require("next/dist/server/async-storage/work-store") as { createWorkStore: (context: unknown) => unknown };

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export async function callRoute<P>(handler: Handler<P>, request: Request, params: P): Promise<Response> {
  const url = new URL(request.url);
  const requestStore = createRequestStoreForAPI(
    { headers: Object.fromEntries(request.headers) },
    { pathname: url.pathname, search: url.search },
    { tags: [], expirationsByCacheKind: new Map() },
    undefined,
    { previewModeId: "x", previewModeEncryptionKey: "x", previewModeSigningKey: "x" },
  );
  const workStore = createWorkStore({
    page: url.pathname,
    renderOpts: { experimental: {}, cacheLifeProfiles: {} },
    isPrefetchRequest: false,
    buildId: "test",
    previouslyRevalidatedTags: [],
  });
  return workAsyncStorage.run(workStore, () => workUnitAsyncStorage.run(requestStore, () => handler(request, { params: Promise.resolve(params) })));
}

/** The session cookie next-auth would set after signing in `userId`. */
export async function sessionCookie(userId: string, sessionVersion = 0): Promise<string> {
  const token = await encode({ token: { uid: userId, sv: sessionVersion, sub: userId }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}
