/** Public entry of the audit log: other domains (teams, orgs, jobs, downloads) record their events through this. */
export { recordAuditEvent } from "./mutations";
export { currentRequestMeta, metaFromHeaders, type RequestMeta } from "./request-meta";
