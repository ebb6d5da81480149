/** Namespace-agnostic XML parsing for request bodies (clients use different prefixes for the same elements). */
import { XMLParser, XMLValidator } from "fast-xml-parser";

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** Parsed document, or null when the body is not well-formed XML. */
export function parseXml(text: string): Record<string, unknown> | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("<")) return null;
  if (XMLValidator.validate(trimmed) !== true) return null;
  try {
    return parser.parse(trimmed) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Child object at a path of element names, or undefined. */
export function pick(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const name of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

/** Text content of a parsed element (`<a>x</a>` → "x", `<a attr="…">x</a>` → "x", `<a/>` → ""). */
export function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === "string" || typeof node === "number" || typeof node === "boolean") return String(node);
  if (typeof node === "object" && "#text" in node) return String((node as Record<string, unknown>)["#text"]);
  if (typeof node === "object") return "";
  return undefined;
}
