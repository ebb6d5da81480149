/** apiRoute logs one JSON line per request with its request id, echoes the id, and never logs secrets. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { apiRoute } from "../../../lib/http";
import { createLogger } from "../../../lib/logger";

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
(globalThis as { bulkConsoleLogger?: unknown }).bulkConsoleLogger = createLogger({ level: "info", destination: sink });
const context = { params: Promise.resolve({}) };

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe("request logging", () => {
  it("gives each request an id, returns it in X-Request-Id and logs method, path, status and duration", async () => {
    lines.length = 0;
    const route = apiRoute(async () => Response.json({ ok: true }));
    const first = await route(new Request("http://app.test/api/jobs?x=1", { headers: { authorization: "Bearer very-secret" } }), context);
    const second = await route(new Request("http://app.test/api/jobs"), context);
    await settle();
    const ids = [first.headers.get("x-request-id"), second.headers.get("x-request-id")];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: "info", msg: "request", requestId: ids[0], method: "GET", path: "/api/jobs", status: 200 });
    expect(typeof lines[0].durationMs).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("very-secret");
  });

  it("keeps a plain incoming X-Request-Id and replaces one that could forge log content", async () => {
    const route = apiRoute(async () => new Response(null, { status: 204 }));
    const kept = await route(new Request("http://app.test/api/x", { headers: { "x-request-id": "lb-1234.abc" } }), context);
    expect(kept.headers.get("x-request-id")).toBe("lb-1234.abc");
    const replaced = await route(new Request("http://app.test/api/x", { headers: { "x-request-id": 'a" {"level":"fatal"} b' } }), context);
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs an unexpected error with its request id at error level and answers the generic 500", async () => {
    lines.length = 0;
    const route = apiRoute(async () => {
      throw new Error("database exploded: password=hunter2");
    });
    const response = await route(new Request("http://app.test/api/boom", { method: "POST" }), context);
    await settle();
    expect(response.status).toBe(500);
    const id = response.headers.get("x-request-id");
    expect(JSON.stringify(await response.json())).not.toContain("exploded");
    expect(lines.map((l) => [l.level, l.msg, l.requestId])).toEqual([
      ["error", "unhandled route error", id],
      ["error", "request", id],
    ]);
    expect((lines[0].err as { message: string }).message).toContain("database exploded");
  });

  it("logs a known error at info with its status", async () => {
    lines.length = 0;
    const response = await apiRoute(async () => {
      throw new AppError("NOT_FOUND", "No such job.");
    })(new Request("http://app.test/api/jobs/1"), context);
    await settle();
    expect(response.status).toBe(404);
    expect(lines).toEqual([expect.objectContaining({ level: "info", status: 404, requestId: response.headers.get("x-request-id") })]);
  });
});
