/** Builds an EmulatorRequest from a node:http request: path normalization, origin, body reading. */
import type { IncomingMessage } from "node:http";
import { createGunzip } from "node:zlib";
import { BodyReadError, BodyTooLargeError } from "./errors";
import type { EmulatorRequest } from "./types";

/** Collapses repeated slashes and drops a trailing slash, as clients like force-wsc append them freely. */
export function normalizePath(rawPath: string): string {
  let path = rawPath.replace(/\/{2,}/g, "/");
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return path === "" ? "/" : path;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function readStream(
  stream: NodeJS.ReadableStream,
  limit: number,
  source: IncomingMessage,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but keep draining, so the client can still read our error answer.
        stream.removeAllListeners("data");
        stream.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks, size)));
    stream.on("error", (error: Error) => reject(new BodyReadError(error.message)));
    source.on("aborted", () => reject(new BodyReadError("Request aborted")));
  });
}

export function createRequest(raw: IncomingMessage, origin: string, defaultLimit: number): EmulatorRequest {
  // Not `new URL(raw.url, base)`: a path starting with `//` would be read as a host name.
  const target = raw.url ?? "/";
  const queryStart = target.indexOf("?");
  const path = normalizePath(queryStart === -1 ? target : target.slice(0, queryStart));
  const query = new URLSearchParams(queryStart === -1 ? "" : target.slice(queryStart + 1));
  const segments = path.split("/").filter(Boolean).map(safeDecode);
  let cached: Promise<Buffer> | undefined;
  const body = (limit = defaultLimit): Promise<Buffer> => {
    if (!cached) {
      const gzip = /gzip/i.test(String(raw.headers["content-encoding"] ?? ""));
      const stream = gzip ? raw.pipe(createGunzip()) : raw;
      cached = readStream(stream, limit, raw);
    }
    return cached;
  };
  const header = (name: string): string | undefined => {
    const value = raw.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  return {
    method: (raw.method ?? "GET").toUpperCase(),
    path,
    segments,
    query,
    headers: raw.headers,
    origin,
    raw,
    body,
    text: async (limit?: number) => (await body(limit)).toString("utf8"),
    header,
  };
}
