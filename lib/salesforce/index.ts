/** Public entry of the Salesforce client library. */
export { Bulk, type BatchData, type BatchStatus, type BulkOptions, type JobCreateOptions } from "./bulk";
export { SalesforceClient } from "./client";
export { Connection, DEFAULT_API_VERSION, type ApiRequest, type AuthStyle, type ConnectionOptions, type Session, type SessionRefresher } from "./connection";
export { SalesforceApiError } from "./http/errors";
export { Transport, type HttpMethod, type HttpRequest, type TransportOptions } from "./http/transport";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./http/retry";
export { parseLimitInfo, type LimitInfo } from "./http/limit-info";
export { assertAllowedUrl, isAllowedSalesforceUrl, PRODUCTION_LOGIN_URL, resolveLoginUrl, SANDBOX_LOGIN_URL } from "./auth/hosts";
export {
  buildAuthorizeUrl,
  clientCredentialsGrant,
  exchangeAuthorizationCode,
  getIdentity,
  jwtBearerGrant,
  passwordGrant,
  refreshAccessToken,
  revokeToken,
  type Identity,
  type OAuthClientConfig,
  type TokenResponse,
} from "./auth/oauth";
export { createPkcePair, pkceChallenge, randomState, type PkcePair } from "./auth/pkce";
export { signJwtBearerAssertion } from "./auth/jwt";
export { MAX_SOAP_LOGIN_VERSION, soapLogin, type SoapLoginResult } from "./auth/soap-login";
export { BulkV1Api, type CreateJobOptions } from "./bulk-v1/api";
export { parseIngestResults, type IngestResult } from "./bulk-v1/results";
export { parseQueryResult, type QueryRecord } from "./bulk-v1/query-results";
export { TERMINAL_BATCH_STATES, type BatchInfo, type BatchState, type ConcurrencyMode, type JobInfo, type V1ContentType, type V1Operation } from "./bulk-v1/types";
export { BulkV2Api, type CreateIngestJobInput, type QueryResultPage, type V2IngestOperation, type V2JobInfo, type V2JobKind, type V2ResultKind } from "./bulk-v2/api";
export { RestApi, type ApiVersionInfo, type DescribeField, type DescribeGlobalSObject, type DescribeSObject, type OrgLimits } from "./rest/api";
export { splitCsv, V1_PART_LIMITS, V2_PART_LIMITS, type CsvPart, type CsvSource, type SplitCsvOptions, type SplitterLimits } from "./csv/splitter";
export { CsvLimitError, MAX_FIELD_CHARS, MAX_RECORD_CHARS } from "./csv/limits";
export { recordsToCsv, type CsvRecord, type CsvValue } from "./csv/writer";
