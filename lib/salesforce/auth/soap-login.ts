/**
 * SOAP partner `login()` with username + password + security token. Salesforce retired SOAP login from API 65.0,
 * so the login call is pinned to at most 64.0 while the session it returns works with any newer API version.
 */
import { SalesforceApiError } from "../http/errors";
import type { Transport } from "../http/transport";
import { escapeXml, parseXml, xmlText, type XmlNode } from "../http/xml";
import { originOf } from "./hosts";

export const MAX_SOAP_LOGIN_VERSION = "64.0";

export interface SoapLoginResult {
  sessionId: string;
  serverUrl: string;
  /** Scheme + host + port of serverUrl: the base for REST and Bulk calls. */
  instanceUrl: string;
  userId: string;
  organizationId: string;
  sandbox: boolean;
  sessionSecondsValid?: number;
}

export function soapLoginVersion(apiVersion: string): string {
  return Number(apiVersion) > Number(MAX_SOAP_LOGIN_VERSION) ? MAX_SOAP_LOGIN_VERSION : apiVersion;
}

export function buildLoginEnvelope(username: string, passwordWithToken: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header/><se:Body>' +
    `<login xmlns="urn:partner.soap.sforce.com"><username>${escapeXml(username)}</username>` +
    `<password>${escapeXml(passwordWithToken)}</password></login></se:Body></se:Envelope>`
  );
}

/** Parses a login response body (success only; faults are turned into errors by the transport). */
export function parseLoginResponse(xml: string): SoapLoginResult {
  const envelope = parseXml(xml).Envelope as XmlNode | undefined;
  const result = ((envelope?.Body as XmlNode | undefined)?.loginResponse as XmlNode | undefined)?.result as XmlNode | undefined;
  const sessionId = xmlText(result?.sessionId);
  const serverUrl = xmlText(result?.serverUrl);
  if (!result || !sessionId || !serverUrl) throw new SalesforceApiError("INVALID_LOGIN_RESPONSE", 200, "The SOAP login response has no session id or server URL", false);
  if (xmlText(result.passwordExpired) === "true") {
    throw new SalesforceApiError("PASSWORD_EXPIRED", 200, "Unable to login because the used password has expired", false);
  }
  const userInfo = (result.userInfo ?? {}) as XmlNode;
  const seconds = xmlText(userInfo.sessionSecondsValid);
  return {
    sessionId,
    serverUrl,
    instanceUrl: originOf(serverUrl),
    userId: xmlText(result.userId) ?? "",
    organizationId: xmlText(userInfo.organizationId) ?? "",
    sandbox: xmlText(result.sandbox) === "true",
    sessionSecondsValid: seconds ? Number(seconds) : undefined,
  };
}

export interface SoapLoginInput {
  transport: Transport;
  loginUrl: string;
  apiVersion: string;
  username: string;
  password: string;
  securityToken?: string;
}

export async function soapLogin(input: SoapLoginInput): Promise<SoapLoginResult> {
  const version = soapLoginVersion(input.apiVersion);
  const { text } = await input.transport.text({
    method: "POST",
    url: `${input.loginUrl}/services/Soap/u/${version}`,
    headers: { "Content-Type": "text/xml; charset=UTF-8", SOAPAction: '""' },
    body: buildLoginEnvelope(input.username, input.password + (input.securityToken ?? "")),
    // Login creates only a session; replaying it after a dropped connection is harmless.
    idempotent: true,
  });
  const result = parseLoginResponse(text);
  input.transport.assertAllowed(result.instanceUrl);
  return result;
}
