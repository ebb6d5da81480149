/**
 * Outbound host allow-list. The client only talks to Salesforce login hosts, My Domain hosts (production and
 * sandbox forms) over https, and to origins the caller explicitly allowed (the local emulator). Every URL the
 * client is handed, including an `instance_url` from a token response, passes through here.
 */
import { SalesforceApiError } from "../http/errors";

export const PRODUCTION_LOGIN_URL = "https://login.salesforce.com";
export const SANDBOX_LOGIN_URL = "https://test.salesforce.com";

const FIXED_HOSTS = new Set(["login.salesforce.com", "test.salesforce.com"]);
// My Domain: name.my.salesforce.com, name--sandbox.sandbox.my.salesforce.com, plus the scratch/dev variants.
const MY_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?\.(?:(?:sandbox|scratch|develop|demo|trailblaze)\.)?my\.salesforce\.com$/;

function normalizeOrigin(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

export function isAllowedSalesforceUrl(url: string, extraOrigins: readonly string[] = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (extraOrigins.some((origin) => normalizeOrigin(origin) === parsed.origin)) return true;
  if (parsed.protocol !== "https:" || (parsed.port !== "" && parsed.port !== "443")) return false;
  const host = parsed.hostname.toLowerCase();
  return FIXED_HOSTS.has(host) || MY_DOMAIN.test(host);
}

export function assertAllowedUrl(url: string, extraOrigins: readonly string[] = []): void {
  if (!isAllowedSalesforceUrl(url, extraOrigins)) {
    let shown = "an invalid URL";
    try {
      shown = new URL(url).origin;
    } catch {
      // keep the generic wording
    }
    throw new SalesforceApiError("HOST_NOT_ALLOWED", 0, `Refusing to contact ${shown}: not a Salesforce host and not explicitly allowed`, false);
  }
}

/** Login URL for production, sandbox, or an explicit override (My Domain or the emulator), without a trailing slash. */
export function resolveLoginUrl(options: { loginUrl?: string; sandbox?: boolean }): string {
  const url = options.loginUrl ?? (options.sandbox ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL);
  return url.replace(/\/+$/, "");
}

/** Scheme, host and port of a URL: Salesforce's serverUrl and instance_url both reduce to this. */
export function originOf(url: string): string {
  return new URL(url).origin;
}
