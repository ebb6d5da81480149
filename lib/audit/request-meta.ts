/** Where a request came from, for the audit log's "from where". */
import { headers } from "next/headers";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export function metaFromHeaders(source: { get(name: string): string | null }): RequestMeta {
  const forwarded = source.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || source.get("x-real-ip") || null, userAgent: source.get("user-agent") };
}

/** For server actions and server components (inside a Next.js request). */
export async function currentRequestMeta(): Promise<RequestMeta> {
  return metaFromHeaders(await headers());
}
