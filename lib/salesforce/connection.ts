/**
 * A session against one org: injects the right auth header per API family, and on an expired session performs
 * one single-flight refresh (OAuth refresh token, or the stored SOAP credentials) and replays the call once.
 * Replaying is safe even for creates: Salesforce rejected the request before doing anything with it.
 */
import { assertAllowedUrl, originOf, resolveLoginUrl } from "./auth/hosts";
import { refreshAccessToken, type OAuthClientConfig } from "./auth/oauth";
import { soapLogin } from "./auth/soap-login";
import { SalesforceApiError } from "./http/errors";
import type { LimitInfo } from "./http/limit-info";
import { Transport, type HttpMethod, type HttpRequest, type TransportOptions } from "./http/transport";

export const DEFAULT_API_VERSION = "66.0";

export interface Session {
  accessToken: string;
  instanceUrl: string;
  refreshToken?: string;
  userId?: string;
  organizationId?: string;
}

/** Produces a fresh session when Salesforce refuses the current one. */
export type SessionRefresher = (stale: Session) => Promise<Session>;

export interface ConnectionOptions extends TransportOptions {
  apiVersion?: string;
  session?: Session;
  /** OAuth client used to redeem `session.refreshToken` when the access token expires. */
  oauth?: OAuthClientConfig;
  refresher?: SessionRefresher;
  /** Called with every refreshed session so the caller can persist it (tokens never leave otherwise). */
  onTokenRefresh?: (session: Session) => void | Promise<void>;
}

export type AuthStyle = "bulk-v1" | "bearer" | "none";

export interface ApiRequest {
  method: HttpMethod;
  /** Absolute URL, or a path starting with `/` resolved against the instance URL. */
  path: string;
  auth?: AuthStyle;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  idempotent?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class Connection {
  readonly transport: Transport;
  readonly apiVersion: string;
  private current: Session | null;
  private refresher: SessionRefresher | null;
  private refreshing: Promise<Session> | null = null;
  private readonly onTokenRefresh: ConnectionOptions["onTokenRefresh"];

  constructor(options: ConnectionOptions = {}) {
    this.transport = new Transport(options);
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    this.onTokenRefresh = options.onTokenRefresh;
    this.current = null;
    this.refresher = options.refresher ?? null;
    if (options.session) this.setSession(options.session);
    if (!this.refresher && options.oauth) {
      const oauth = options.oauth;
      this.refresher = async (stale) => {
        if (!stale.refreshToken) throw new SalesforceApiError("INVALID_SESSION_ID", 401, "Session expired and no refresh token is available", false);
        const token = await refreshAccessToken(this.transport, oauth, stale.refreshToken);
        // Salesforce re-issues a refresh token only when rotation is on; keep the old one otherwise.
        return { ...stale, accessToken: token.accessToken, instanceUrl: token.instanceUrl, refreshToken: token.refreshToken ?? stale.refreshToken };
      };
    }
  }

  get session(): Session | null {
    return this.current;
  }

  get instanceUrl(): string {
    if (!this.current) throw new SalesforceApiError("NOT_LOGGED_IN", 0, "Not logged in: call login() or provide a session", false);
    return this.current.instanceUrl;
  }

  get lastLimitInfo(): LimitInfo | null {
    return this.transport.lastLimitInfo;
  }

  setSession(session: Session, refresher?: SessionRefresher): void {
    const instanceUrl = originOf(session.instanceUrl);
    assertAllowedUrl(instanceUrl, this.transport.allowedOrigins);
    this.current = { ...session, instanceUrl };
    if (refresher) this.refresher = refresher;
  }

  /** SOAP login with password + security token; the credentials stay in memory to renew the session later. */
  async loginWithPassword(username: string, password: string, securityToken = "", options: { loginUrl?: string; sandbox?: boolean } = {}): Promise<Session> {
    const loginUrl = resolveLoginUrl(options);
    const login = async (): Promise<Session> => {
      const result = await soapLogin({ transport: this.transport, loginUrl, apiVersion: this.apiVersion, username, password, securityToken });
      return { accessToken: result.sessionId, instanceUrl: result.instanceUrl, userId: result.userId, organizationId: result.organizationId };
    };
    const session = await login();
    this.setSession(session, () => login());
    return this.current!;
  }

  /** Forces a refresh now (single flight: concurrent callers share one). */
  refresh(stale: Session | null = this.current): Promise<Session> {
    if (!this.refresher || !stale) {
      return Promise.reject(new SalesforceApiError("INVALID_SESSION_ID", 401, "Session expired and cannot be refreshed", false));
    }
    const refresher = this.refresher;
    this.refreshing ??= (async () => {
      try {
        const next = await refresher(stale);
        this.setSession(next);
        await this.onTokenRefresh?.(this.current!);
        return this.current!;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** The response with its body unread (for streaming); session refresh and replay included. */
  request(request: ApiRequest): Promise<Response> {
    return this.withSession(request, (spec) => this.transport.send(spec));
  }

  /** The response body as text, read inside the retry loop so a body cut short counts as a network error. */
  requestText(request: ApiRequest): Promise<{ text: string; response: Response }> {
    return this.withSession(request, (spec) => this.transport.text(spec));
  }

  private async withSession<T>(request: ApiRequest, send: (spec: HttpRequest) => Promise<T>): Promise<T> {
    const used = this.current;
    try {
      return await send(this.prepare(request, used));
    } catch (error) {
      if (!(error instanceof SalesforceApiError) || !error.isSessionError || request.auth === "none" || !this.refresher || !used) throw error;
      // Another call may already have refreshed while this one was in flight: reuse its session.
      const fresh = this.current && this.current.accessToken !== used.accessToken ? this.current : await this.refresh(used);
      return send(this.prepare(request, fresh));
    }
  }

  private prepare(request: ApiRequest, session: Session | null): HttpRequest {
    const headers: Record<string, string> = { ...request.headers };
    const auth = request.auth ?? "bearer";
    if (auth !== "none") {
      if (!session) throw new SalesforceApiError("NOT_LOGGED_IN", 0, "Not logged in: call login() or provide a session", false);
      if (auth === "bulk-v1") headers["X-SFDC-Session"] = session.accessToken;
      else headers.Authorization = `Bearer ${session.accessToken}`;
    }
    const url = /^https?:\/\//.test(request.path) ? request.path : `${session?.instanceUrl ?? this.instanceUrl}${request.path}`;
    return { method: request.method, url, headers, body: request.body, idempotent: request.idempotent, timeoutMs: request.timeoutMs, signal: request.signal };
  }
}
