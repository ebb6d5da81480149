/** SOAP partner API response envelopes, byte-compatible with what real clients regex or pull-parse. */
import type { OrgInfo, UserInfo } from "../../org";
import { escapeXml } from "../common/format";

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const ENVELOPE_CLOSE = "</soapenv:Body></soapenv:Envelope>";

function element(name: string, value: string | null | boolean | number): string {
  if (value === null) return `<${name} xsi:nil="true"/>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** GetUserInfoResult children in the partner WSDL order (force-wsc reads them sequentially). */
function userInfoXml(user: UserInfo, org: OrgInfo, sessionSeconds: number): string {
  return [
    element("accessibilityMode", false),
    element("chatterExternal", false),
    element("currencySymbol", "$"),
    element("orgAttachmentFileSizeLimit", 5242880),
    element("orgDefaultCurrencyIsoCode", "USD"),
    element("orgDefaultCurrencyLocale", "en_US"),
    element("orgDisallowHtmlAttachments", false),
    element("orgHasPersonAccounts", false),
    element("organizationId", org.id),
    element("organizationMultiCurrency", false),
    element("organizationName", org.name),
    element("profileId", user.profileId),
    element("roleId", user.roleId),
    element("sessionSecondsValid", sessionSeconds),
    element("userDefaultCurrencyIsoCode", null),
    element("userEmail", user.email),
    element("userFullName", user.name),
    element("userId", user.id),
    element("userLanguage", user.language),
    element("userLocale", user.locale),
    element("userName", user.username),
    element("userTimeZone", user.timeZone),
    element("userType", "Standard"),
    element("userUiSkin", "Theme3"),
  ].join("");
}

export function loginResponseXml(input: {
  origin: string;
  version: string;
  sessionId: string;
  user: UserInfo;
  org: OrgInfo;
  sessionSeconds: number;
}): string {
  const org15 = input.org.id.slice(0, 15);
  return (
    ENVELOPE_OPEN +
    "<loginResponse><result>" +
    element("metadataServerUrl", `${input.origin}/services/Soap/m/${input.version}/${org15}`) +
    element("passwordExpired", false) +
    element("sandbox", input.org.isSandbox) +
    element("serverUrl", `${input.origin}/services/Soap/u/${input.version}/${org15}`) +
    element("sessionId", input.sessionId) +
    element("userId", input.user.id) +
    `<userInfo>${userInfoXml(input.user, input.org, input.sessionSeconds)}</userInfo>` +
    "</result></loginResponse>" +
    ENVELOPE_CLOSE
  );
}

export function getUserInfoResponseXml(user: UserInfo, org: OrgInfo, sessionSeconds: number): string {
  return `${ENVELOPE_OPEN}<getUserInfoResponse><result>${userInfoXml(user, org, sessionSeconds)}</result></getUserInfoResponse>${ENVELOPE_CLOSE}`;
}

export function logoutResponseXml(): string {
  return `${ENVELOPE_OPEN}<logoutResponse/>${ENVELOPE_CLOSE}`;
}

/** Detail element per fault family: LoginFault for login, UnexpectedErrorFault otherwise. */
export type FaultDetail = "LoginFault" | "UnexpectedErrorFault" | "InvalidSObjectFault" | null;

/**
 * A partner API fault. `sf:` prefixes matter: simple-salesforce looks up `sf:exceptionCode` literally,
 * jsforce regexes an unprefixed `<faultstring>`.
 */
export function faultXml(code: string, message: string, detail: FaultDetail, faultcode = `sf:${code}`): string {
  const faultstring = detail ? `${code}: ${message}` : message;
  const detailXml = detail
    ? `<detail><sf:${detail} xsi:type="sf:${detail}"><sf:exceptionCode>${escapeXml(code)}</sf:exceptionCode><sf:exceptionMessage>${escapeXml(message)}</sf:exceptionMessage></sf:${detail}></detail>`
    : "";
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault>' +
    `<faultcode>${escapeXml(faultcode)}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring>${detailXml}` +
    "</soapenv:Fault></soapenv:Body></soapenv:Envelope>"
  );
}
