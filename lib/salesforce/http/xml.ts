/**
 * One safely configured XML parser for every Salesforce XML body. Entity expansion is off and any DOCTYPE is
 * refused, so a hostile or broken server cannot smuggle entity bombs or external references through us; the five
 * predefined XML entities and numeric references are decoded by hand because they are plain text, not expansion.
 */
import { XMLParser } from "fast-xml-parser";

// Repeating elements, by path, so one occurrence still parses as a list.
const ALWAYS_ARRAYS = new Set(["batchInfoList.batchInfo", "result-list.result", "results.result", "results.result.errors", "results.result.errors.fields", "queryResult.records", "sObjects.sObject"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  isArray: (_name, jpath) => ALWAYS_ARRAYS.has(String(jpath)),
  tagValueProcessor: (_name, value) => decodeXmlText(value),
});

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlText(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_match, entity: string) => {
    if (entity[0] !== "#") return NAMED[entity];
    const code = entity[1] === "x" ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[char]};`);
}

export type XmlNode = Record<string, unknown>;

export function parseXml(text: string): XmlNode {
  if (/<!DOCTYPE/i.test(text)) throw new Error("XML with a DOCTYPE is refused");
  return parser.parse(text) as XmlNode;
}

/** Text content of a leaf that may carry attributes (`<roleId xsi:nil="true"/>` becomes undefined). */
export function xmlText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object") {
    const node = value as XmlNode;
    if (node["@nil"] === "true") return undefined;
    return typeof node["#text"] === "string" ? node["#text"] : undefined;
  }
  return String(value);
}
