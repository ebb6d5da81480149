/**
 * The one place HTTP happens: host allow-list, timeout on every request, no redirects, limit-info capture, and
 * retries that are only ever applied to requests that create nothing (reads and status polls). A create that
 * failed in flight may or may not have happened on Salesforce, so it is surfaced, never silently replayed.
 */
import { assertAllowedUrl } from "../auth/hosts";
import { errorFromBody, networkError, SalesforceApiError } from "./errors";
import { parseLimitInfo, type LimitInfo } from "./limit-info";
import { backoffDelay, DEFAULT_RETRY_POLICY, retryAfterMs, sleep, type RetryPolicy } from "./retry";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Safe to send again: defaults to true for GET only. Never set it on a request that creates something. */
  idempotent?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TransportOptions {
  /** Per-request timeout; default 120 s (Bulk uploads of 10 MB on slow links need time). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Origins allowed besides Salesforce's own hosts, e.g. the emulator at `http://127.0.0.1:8787`. */
  allowedOrigins?: readonly string[];
  fetch?: typeof fetch;
  /** Told about each retry, for logs and job timelines (never given headers or bodies). */
  onRetry?: (info: { attempt: number; delayMs: number; error: SalesforceApiError; method: HttpMethod; path: string }) => void;
}

class AttemptFailure {
  constructor(
    readonly error: SalesforceApiError,
    readonly retryAfter: number | null,
  ) {}
}

export class Transport {
  lastLimitInfo: LimitInfo | null = null;
  readonly allowedOrigins: readonly string[];
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly fetchImpl: typeof fetch;
  private readonly onRetry: TransportOptions["onRetry"];

  constructor(options: TransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.allowedOrigins = options.allowedOrigins ?? [];
    this.fetchImpl = options.fetch ?? fetch;
    this.onRetry = options.onRetry;
  }

  assertAllowed(url: string): void {
    assertAllowedUrl(url, this.allowedOrigins);
  }

  /** Sends the request and returns the successful (2xx) response with its body unread, for streaming. */
  send(request: HttpRequest): Promise<Response> {
    return this.run(request, async (response) => response);
  }

  /**
   * Sends the request and reads the body as text inside the same attempt, so a connection that drops
   * mid-body is a network error like any other (retried for reads, surfaced for creates).
   */
  text(request: HttpRequest): Promise<{ text: string; response: Response }> {
    return this.run(request, async (response) => ({ text: await response.text(), response }));
  }

  private async run<T>(request: HttpRequest, consume: (response: Response) => Promise<T>): Promise<T> {
    this.assertAllowed(request.url);
    const retryable = request.idempotent ?? request.method === "GET";
    const attempts = retryable ? Math.max(1, this.policy.maxAttempts) : 1;
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(request, consume);
      if (!(result instanceof AttemptFailure)) return result;
      const error = result.error;
      if (!error.retryable || attempt + 1 >= attempts) throw error;
      const delayMs = result.retryAfter ?? backoffDelay(this.policy, attempt);
      this.onRetry?.({ attempt: attempt + 1, delayMs, error, method: request.method, path: new URL(request.url).pathname });
      await sleep(delayMs, request.signal);
    }
  }

  private async attempt<T>(request: HttpRequest, consume: (response: Response) => Promise<T>): Promise<T | AttemptFailure> {
    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    let response: Response;
    try {
      response = await this.fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        // TS 5.9 types Uint8Array<ArrayBufferLike> apart from BodyInit; at runtime fetch accepts any Uint8Array.
        body: request.body as BodyInit | undefined,
        redirect: "manual",
        signal,
      });
    } catch (cause) {
      if (request.signal?.aborted) throw request.signal.reason;
      return new AttemptFailure(networkError(cause, timeout.aborted), null);
    }
    const limit = parseLimitInfo(response.headers.get("sforce-limit-info"));
    if (limit) this.lastLimitInfo = limit;
    if (response.status >= 200 && response.status < 300) {
      try {
        return await consume(response);
      } catch (cause) {
        if (request.signal?.aborted) throw request.signal.reason;
        return new AttemptFailure(networkError(cause, timeout.aborted), null);
      }
    }
    let body = "";
    try {
      body = await response.text();
    } catch {
      body = "";
    }
    if (response.status >= 300 && response.status < 400) {
      return new AttemptFailure(new SalesforceApiError("REDIRECT_NOT_FOLLOWED", response.status, `Salesforce answered a redirect (HTTP ${response.status}); redirects are not followed`, false), null);
    }
    return new AttemptFailure(errorFromBody(response.status, body), retryAfterMs(response.headers.get("retry-after"), this.policy.maxDelayMs));
  }
}
