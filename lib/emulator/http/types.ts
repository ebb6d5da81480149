/** The emulator's own tiny request/response model on top of node:http. */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

type ResponseBody = string | Buffer | AsyncIterable<string | Buffer> | undefined;

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: ResponseBody;
}

export interface EmulatorRequest {
  method: string;
  /** Normalized path: repeated slashes collapsed, no trailing slash (except "/"). */
  path: string;
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** scheme://host[:port] the client used to reach us (or the configured public URL). */
  origin: string;
  raw: IncomingMessage;
  /** Whole request body, gunzipped when `Content-Encoding: gzip`; rejects above `limit` bytes. */
  body(limit?: number): Promise<Buffer>;
  text(limit?: number): Promise<string>;
  header(name: string): string | undefined;
  /** Set by authentication: the value of `Sforce-Limit-Info` for this response. */
  limitInfo?: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { "Content-Type": "application/json;charset=UTF-8", ...headers },
    body: JSON.stringify(value),
  };
}
