/** The audit log for admins and owners of the caller's team. */
import { requireMembership } from "../auth";
import { listAuditEvents } from "./data";
import { auditFilterSchema } from "./schema";

export async function loadAuditLog(rawFilter: Record<string, string | undefined>, teamId?: string) {
  const ctx = await requireMembership("admin", teamId);
  const filter = auditFilterSchema.parse(rawFilter);
  const { events, hasMore } = await listAuditEvents(ctx.teamId, filter);
  return { ctx, filter, events, hasMore };
}
