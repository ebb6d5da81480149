/** `Sforce-Limit-Info: api-usage=18/15000` (optionally followed by `per-app-api-usage=…`). */
export interface LimitInfo {
  used: number;
  max: number;
  perApp?: { used: number; max: number; app: string };
}

export function parseLimitInfo(header: string | null): LimitInfo | null {
  if (!header) return null;
  const usage = /api-usage=(\d+)\/(\d+)/.exec(header.replace(/per-app-api-usage=[^,;]*/g, ""));
  if (!usage) return null;
  const info: LimitInfo = { used: Number(usage[1]), max: Number(usage[2]) };
  const perApp = /per-app-api-usage=(\d+)\/(\d+)\(appName=([^)]*)\)/.exec(header);
  if (perApp) info.perApp = { used: Number(perApp[1]), max: Number(perApp[2]), app: perApp[3] };
  return info;
}
