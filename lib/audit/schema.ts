import { z } from "zod";

/** Every kind of event the audit log records. */
export const AUDIT_ACTIONS = [
  "auth.sign_up",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_locked",
  "auth.sign_out_everywhere",
  "team.created",
  "team.renamed",
  "team.deleted",
  "team.ownership_transferred",
  "member.role_changed",
  "member.removed",
  "invite.created",
  "invite.revoked",
  "invite.accepted",
  "org.connected",
  "org.connect_failed",
  "org.tested",
  "org.reconnected",
  "org.reconnect_required",
  "org.disconnected",
  "job.created",
  "job.aborted",
  "job.downloaded",
  "job.retried",
  "job.attached",
  "mapping.saved",
  "mapping.deleted",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_up": "Signed up",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_locked": "Sign-in refused (too many failures)",
  "auth.sign_out_everywhere": "Signed out everywhere",
  "team.created": "Team created",
  "team.renamed": "Team renamed",
  "team.deleted": "Team deleted",
  "team.ownership_transferred": "Ownership transferred",
  "member.role_changed": "Role changed",
  "member.removed": "Member removed",
  "invite.created": "Invite created",
  "invite.revoked": "Invite revoked",
  "invite.accepted": "Invite accepted",
  "org.connected": "Org connected",
  "org.connect_failed": "Org connection failed",
  "org.tested": "Org connection tested",
  "org.reconnected": "Org reconnected",
  "org.reconnect_required": "Org needs reconnecting",
  "org.disconnected": "Org disconnected",
  "job.created": "Job created",
  "job.aborted": "Job aborted",
  "job.downloaded": "Results downloaded",
  "job.retried": "Failed rows retried",
  "job.attached": "Outside job attached",
  "mapping.saved": "Mapping saved",
  "mapping.deleted": "Mapping deleted",
};

const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-01-31")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const auditFilterSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().or(z.literal("").transform(() => undefined)),
  actor: z.string().trim().max(200).optional(),
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
