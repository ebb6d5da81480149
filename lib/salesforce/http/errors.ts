/**
 * Typed Salesforce failures. Every error family Salesforce speaks (SOAP faults, Bulk v1 `<error>` XML or JSON,
 * REST/Bulk 2.0 JSON arrays, OAuth error objects, urlencoded revoke errors) becomes one SalesforceApiError.
 * Messages never contain the request, its headers or its body, so session ids and secrets cannot leak through them.
 */
import { parseXml, xmlText, type XmlNode } from "./xml";

const SESSION_CODES = new Set(["INVALID_SESSION_ID", "InvalidSessionId"]);

export class SalesforceApiError extends Error {
  readonly errorCode: string;
  readonly status: number;
  /** True when the same request may simply be sent again later (429, 5xx, network trouble). */
  readonly retryable: boolean;

  constructor(errorCode: string, status: number, message: string, retryable = isRetryableStatus(status)) {
    super(message);
    this.name = "SalesforceApiError";
    this.errorCode = errorCode;
    this.status = status;
    this.retryable = retryable;
  }

  get isSessionError(): boolean {
    return SESSION_CODES.has(this.errorCode);
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500 || status === 0;
}

const MAX_MESSAGE = 500;

function clip(message: string): string {
  const flat = message.replace(/\s+/g, " ").trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}

function fromJson(value: unknown): { code: string; message: string } | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (!first || typeof first !== "object") return null;
  const body = first as Record<string, unknown>;
  if (typeof body.errorCode === "string") {
    const message = String(body.message ?? body.errorCode);
    if (Array.isArray(value) && value.length > 1) return { code: "MULTIPLE_API_ERRORS", message: value.map((item) => (item as Record<string, unknown>).message).join("; ") };
    return { code: body.errorCode, message };
  }
  if (typeof body.exceptionCode === "string") return { code: body.exceptionCode, message: String(body.exceptionMessage ?? body.exceptionCode) };
  if (typeof body.error === "string") return { code: body.error, message: String(body.error_description ?? body.error) };
  return null;
}

interface Parsed {
  code: string;
  message: string;
  /** SOAP reports every fault as HTTP 500, bad passwords included; only some of them are worth retrying. */
  soapFault?: boolean;
}

const RETRYABLE_SOAP_FAULTS = new Set(["SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG"]);

function fromXml(text: string): Parsed | null {
  let doc: XmlNode;
  try {
    doc = parseXml(text);
  } catch {
    return null;
  }
  const v1 = doc.error as XmlNode | undefined;
  if (v1 && typeof v1 === "object") {
    const code = xmlText(v1.exceptionCode) ?? "Unknown";
    return { code, message: xmlText(v1.exceptionMessage) ?? code };
  }
  const fault = ((doc.Envelope as XmlNode | undefined)?.Body as XmlNode | undefined)?.Fault as XmlNode | undefined;
  if (fault) {
    const detail = fault.detail as Record<string, XmlNode> | undefined;
    const inner = detail ? Object.values(detail).find((value) => value && typeof value === "object") : undefined;
    const faultCode = (xmlText(fault.faultcode) ?? "UNKNOWN").replace(/^.*:/, "");
    const code = xmlText(inner?.exceptionCode) ?? faultCode;
    const message = xmlText(inner?.exceptionMessage) ?? xmlText(fault.faultstring) ?? code;
    return { code, message, soapFault: true };
  }
  return null;
}

function fromUrlEncoded(text: string): { code: string; message: string } | null {
  if (!/^error=/.test(text)) return null;
  const params = new URLSearchParams(text);
  const code = params.get("error") ?? "UNKNOWN";
  return { code, message: params.get("error_description") ?? code };
}

/** Builds the typed error from a failed response's status and body text. */
export function errorFromBody(status: number, bodyText: string): SalesforceApiError {
  const text = bodyText.trim();
  let parsed: Parsed | null = null;
  if (text.startsWith("<")) parsed = fromXml(text);
  else if (text.startsWith("{") || text.startsWith("[")) {
    try {
      parsed = fromJson(JSON.parse(text));
    } catch {
      parsed = null;
    }
  } else parsed = fromUrlEncoded(text);
  if (!parsed) return new SalesforceApiError(`HTTP_${status}`, status, `Salesforce answered HTTP ${status}`);
  const retryable = parsed.soapFault ? RETRYABLE_SOAP_FAULTS.has(parsed.code) : isRetryableStatus(status);
  return new SalesforceApiError(parsed.code, status, clip(`${parsed.code}: ${parsed.message}`), retryable);
}

/** A request that never got an HTTP answer: refused connection, reset socket, or our own timeout. */
export function networkError(cause: unknown, timedOut: boolean): SalesforceApiError {
  const reason = timedOut ? "request timed out" : cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  const error = new SalesforceApiError(timedOut ? "TIMEOUT" : "NETWORK_ERROR", 0, `Salesforce request failed: ${clip(reason)}`, true);
  return error;
}
