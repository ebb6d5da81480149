/**
 * Retry policy and session refresh over real HTTP, against a tiny scripted node:http server started here
 * (not the emulator): which requests retry, which never do, timeouts, redirects, and single-flight refresh.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Connection, SalesforceApiError, Transport, type Session } from "../../../lib/salesforce";

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;
let server: Server;
let origin: string;
let handler: Handler;
let hits: { method: string; url: string; auth?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ method: req.method ?? "", url: req.url ?? "", auth: (req.headers.authorization ?? req.headers["x-sfdc-session"]) as string | undefined });
    req.resume();
    req.on("end", () => handler(req, res, hits.length));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = [];
});

const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 };
const transport = (options: ConstructorParameters<typeof Transport>[0] = {}) => new Transport({ allowedOrigins: [origin], retry: fast, ...options });

function reply(res: ServerResponse, status: number, body = "", headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(body);
}

describe("retry policy", () => {
  it("retries a GET on 503 and 429, then succeeds, recording the limit info", async () => {
    handler = (_req, res, hit) => (hit === 1 ? reply(res, 503, "[]") : hit === 2 ? reply(res, 429, "") : reply(res, 200, "{}", { "Sforce-Limit-Info": "api-usage=7/100" }));
    const t = transport();
    const response = await t.send({ method: "GET", url: `${origin}/read` });
    expect(response.status).toBe(200);
    expect(hits).toHaveLength(3);
    expect(t.lastLimitInfo).toEqual({ used: 7, max: 100 });
  });

  it("retries a GET whose connection is dropped", async () => {
    handler = (req, res, hit) => (hit === 1 ? req.socket.destroy() : reply(res, 200, "{}"));
    expect((await transport().send({ method: "GET", url: `${origin}/read` })).status).toBe(200);
    expect(hits).toHaveLength(2);
  });

  it("retries a GET whose body is cut off mid-read, but not a POST", async () => {
    const cut = (res: ServerResponse) => {
      res.writeHead(200, { "Content-Type": "text/csv", "Content-Length": "1000" });
      res.write('"Id"\n"001');
      setTimeout(() => res.destroy(), 10);
    };
    handler = (_req, res, hit) => (hit === 1 ? cut(res) : reply(res, 200, '"Id"\n"001A"\n'));
    expect((await transport().text({ method: "GET", url: `${origin}/result` })).text).toBe('"Id"\n"001A"\n');
    expect(hits).toHaveLength(2);
    hits = [];
    handler = (_req, res) => cut(res);
    await expect(transport().text({ method: "POST", url: `${origin}/create`, body: "x" })).rejects.toMatchObject({ errorCode: "NETWORK_ERROR" });
    expect(hits).toHaveLength(1);
  });

  it("gives up after maxAttempts with the last typed error", async () => {
    handler = (_req, res) => reply(res, 500, '[{"errorCode":"SERVER_UNAVAILABLE","message":"down"}]');
    const error = await transport().send({ method: "GET", url: `${origin}/read` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: "SERVER_UNAVAILABLE", status: 500, retryable: true });
    expect(hits).toHaveLength(4);
  });

  it.each(["POST", "PUT", "PATCH"] as const)("never retries a %s create, even on 503 or a dropped connection", async (method) => {
    handler = (_req, res) => reply(res, 503, "[]");
    await expect(transport().send({ method, url: `${origin}/create`, body: "x" })).rejects.toBeInstanceOf(SalesforceApiError);
    expect(hits).toHaveLength(1);
    hits = [];
    handler = (req) => req.socket.destroy();
    await expect(transport().send({ method, url: `${origin}/create`, body: "x" })).rejects.toMatchObject({ errorCode: "NETWORK_ERROR" });
    expect(hits).toHaveLength(1);
  });

  it("does not retry a SOAP INVALID_LOGIN fault even though SOAP sends it as HTTP 500 on a retry-safe call", async () => {
    handler = (_req, res) =>
      reply(res, 500, '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>', { "Content-Type": "text/xml" });
    await expect(transport().send({ method: "POST", url: `${origin}/services/Soap/u/64.0`, body: "<x/>", idempotent: true })).rejects.toMatchObject({ errorCode: "INVALID_LOGIN", retryable: false });
    expect(hits).toHaveLength(1);
  });

  it("does not retry a 400", async () => {
    handler = (_req, res) => reply(res, 400, '[{"errorCode":"INVALIDJOB","message":"bad"}]');
    await expect(transport().send({ method: "GET", url: `${origin}/read` })).rejects.toMatchObject({ errorCode: "INVALIDJOB", retryable: false });
    expect(hits).toHaveLength(1);
  });

  it("times out a slow request and retries it only if it is a read", async () => {
    handler = (_req, res, hit) => (hit === 1 ? setTimeout(() => reply(res, 200, "{}"), 300) : reply(res, 200, "{}"));
    const t = transport({ timeoutMs: 50 });
    expect((await t.send({ method: "GET", url: `${origin}/slow` })).status).toBe(200);
    expect(hits).toHaveLength(2);
    hits = [];
    handler = (_req, res) => setTimeout(() => reply(res, 200, "{}"), 300);
    await expect(t.send({ method: "POST", url: `${origin}/slow`, body: "x" })).rejects.toMatchObject({ errorCode: "TIMEOUT" });
    expect(hits).toHaveLength(1);
  });

  it("does not follow redirects and refuses hosts outside the allow-list", async () => {
    handler = (_req, res) => reply(res, 302, "", { Location: "https://evil.example.com/" });
    await expect(transport().send({ method: "GET", url: `${origin}/moved` })).rejects.toMatchObject({ errorCode: "REDIRECT_NOT_FOLLOWED" });
    expect(hits).toHaveLength(1);
    await expect(new Transport().send({ method: "GET", url: `${origin}/x` })).rejects.toMatchObject({ errorCode: "HOST_NOT_ALLOWED" });
    expect(hits).toHaveLength(1);
  });
});

describe("session refresh", () => {
  it("refreshes once for many concurrent calls (single flight), replays each once, and reports the new token", async () => {
    handler = (req, res) => {
      const token = req.headers.authorization ?? req.headers["x-sfdc-session"];
      if (token === "Bearer new" || token === "new") return reply(res, 200, "{}");
      if (req.headers["x-sfdc-session"]) return reply(res, 400, '{"exceptionCode":"InvalidSessionId","exceptionMessage":"Invalid session id"}');
      reply(res, 401, '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]');
    };
    let refreshes = 0;
    const persisted: Session[] = [];
    const connection = new Connection({
      allowedOrigins: [origin],
      retry: fast,
      session: { accessToken: "old", instanceUrl: origin },
      refresher: async (stale) => {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { ...stale, accessToken: "new" };
      },
      onTokenRefresh: (session) => void persisted.push(session),
    });
    const calls = [
      ...Array.from({ length: 4 }, () => connection.request({ method: "GET", path: "/rest" })),
      connection.request({ method: "POST", path: "/services/async/66.0/job", auth: "bulk-v1", body: "<x/>" }),
    ];
    const responses = await Promise.all(calls);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(refreshes).toBe(1);
    expect(persisted.map((s) => s.accessToken)).toEqual(["new"]);
    expect(hits.filter((h) => h.auth === "Bearer old" || h.auth === "old")).toHaveLength(5);
    expect(hits.filter((h) => h.auth === "Bearer new" || h.auth === "new")).toHaveLength(5);
  });

  it("surfaces the session error when no refresh is possible, without leaking the token", async () => {
    handler = (_req, res) => reply(res, 401, '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]');
    const connection = new Connection({ allowedOrigins: [origin], session: { accessToken: "00Dsecret!token", instanceUrl: origin } });
    const error = await connection.request({ method: "GET", path: "/rest" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: "INVALID_SESSION_ID", status: 401 });
    expect(String((error as Error).message)).not.toContain("secret");
    expect(hits).toHaveLength(1);
  });
});
