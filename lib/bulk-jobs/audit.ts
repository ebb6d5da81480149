/** Every job action lands in the team's audit log: who, what, when, from where. */
import { recordAuditEvent, type RequestMeta } from "../audit";
import type { MembershipContext } from "../auth";

type JobAuditAction = "job.created" | "job.aborted" | "job.downloaded" | "job.retried" | "job.attached";

export function auditJob(
  ctx: MembershipContext,
  action: JobAuditAction,
  jobId: string,
  details: Record<string, string | number | boolean | null>,
  meta?: RequestMeta,
): Promise<void> {
  return recordAuditEvent({
    action,
    teamId: ctx.teamId,
    actor: { id: ctx.user.id, email: ctx.user.email },
    target: { type: "bulk_job", id: jobId },
    details,
    meta,
  });
}
