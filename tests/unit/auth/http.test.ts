import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiRoute, assertSameOrigin, readJson } from "@/lib/http";

process.env.LOG_LEVEL = "silent";
const context = { params: Promise.resolve({}) };
const request = (init: RequestInit & { url?: string } = {}) => new Request(init.url ?? "http://app.test/api/x", init);

describe("apiRoute", () => {
  it("passes successful responses through", async () => {
    const response = await apiRoute(async () => Response.json({ ok: true }))(request(), context);
    expect(response.status).toBe(200);
  });

  it.each([
    ["UNAUTHENTICATED", 401],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["VALIDATION", 422],
    ["CONFLICT", 409],
    ["RATE_LIMITED", 429],
    ["PAYLOAD_TOO_LARGE", 413],
    ["SALESFORCE", 502],
  ] as const)("maps %s to HTTP %i in the one envelope", async (code, status) => {
    const response = await apiRoute(async () => {
      throw new AppError(code, "A message for people.");
    })(request(), context);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: "A message for people." } });
  });

  it("names each invalid field of a zod failure", async () => {
    const schema = z.object({ label: z.string().min(1, "Give it a name."), size: z.number() });
    const response = await apiRoute(async (req) => {
      await readJson(req, schema);
      return new Response(null);
    })(request({ method: "POST", body: JSON.stringify({ label: "" }) }), context);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.fields.label).toBe("Give it a name.");
    expect(body.error.fields.size).toBeDefined();
  });

  it("answers a malformed body with 400", async () => {
    const response = await apiRoute(async (req) => {
      await readJson(req, z.object({}));
      return new Response(null);
    })(request({ method: "POST", body: "{not json" }), context);
    expect(response.status).toBe(400);
  });

  it("never sends a stack trace or internal message for unexpected errors", async () => {
    const response = await apiRoute(async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
    })(request(), context);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/ECONNREFUSED|hunter2|at .*\.ts/);
    expect(JSON.parse(text).error.code).toBe("INTERNAL");
  });

  it("adds Retry-After to rate-limited answers", async () => {
    const response = await apiRoute(async () => {
      throw new AppError("RATE_LIMITED", "Slow down.", { retryAfterSeconds: 30 });
    })(request(), context);
    expect(response.headers.get("retry-after")).toBe("30");
  });
});

describe("assertSameOrigin", () => {
  it("lets same-origin and non-browser writes through, refuses cross-site ones", () => {
    expect(() => assertSameOrigin(request({ method: "POST", headers: { origin: "http://app.test", "sec-fetch-site": "same-origin" } }))).not.toThrow();
    expect(() => assertSameOrigin(request({ method: "POST" }))).not.toThrow();
    expect(() => assertSameOrigin(request({ method: "POST", headers: { origin: "https://evil.test" } }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(request({ method: "DELETE", headers: { "sec-fetch-site": "cross-site" } }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(request({ method: "GET", headers: { origin: "https://evil.test" } }))).not.toThrow();
  });
});
