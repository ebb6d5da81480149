/** Wire formatting shared by every protocol: XML escaping, Salesforce timestamps, API versions. */

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]);
}

/** Bulk v1 XML and SOAP: `2015-12-15T21:41:45.000Z`. */
export function xmlDate(date: Date): string {
  return date.toISOString();
}

/** REST, Bulk v2 and Bulk v1 JSON: `2015-12-15T20:45:25.000+0000`. */
export function jsonDate(date: Date): string {
  return date.toISOString().replace(/Z$/, "+0000");
}

/** `62` / `"62"` / `"62.0"` → `"62.0"`; null when not a version number. */
export function normalizeVersion(input: string): string | null {
  const match = /^v?(\d{1,3})(?:\.(\d))?$/.exec(input);
  if (!match) return null;
  return `${Number(match[1])}.${match[2] ?? "0"}`;
}


/**
 * JSON.stringify that prints the `apiVersion` number with one decimal (`66.0`), as Salesforce does;
 * JavaScript would print `66`.
 */
export function stringifyWithVersion(value: unknown, pretty = false): string {
  const text = JSON.stringify(value, null, pretty ? 2 : undefined);
  return text.replace(/("apiVersion"\s*:\s*)(\d+)(?=[,}\n\s])/g, "$1$2.0");
}
