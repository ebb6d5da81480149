/** Reads of the audit log, always scoped to one team. */
import { getDb } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { AuditFilter } from "./schema";

const AUDIT_PAGE_SIZE = 50;

export interface AuditEventRow {
  id: string;
  action: string;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
}

/**
 * A team's events, plus the sign-in events of its current members (those carry no team: a person
 * signs in to the app, not to one team).
 */
export async function listAuditEvents(teamId: string, filter: AuditFilter): Promise<{ events: AuditEventRow[]; hasMore: boolean }> {
  const members = await getDb().membership.findMany({ where: { teamId }, select: { userId: true, user: { select: { email: true } } } });
  const scope: Prisma.AuditEventWhereInput = {
    OR: [
      { teamId },
      { teamId: null, actorId: { in: members.map((m) => m.userId) } },
      { teamId: null, actorId: null, actorEmail: { in: members.map((m) => m.user.email) } },
    ],
  };
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      scope,
      filter.action ? { action: filter.action } : {},
      filter.actor ? { actorEmail: { contains: filter.actor, mode: "insensitive" } } : {},
      filter.from ? { createdAt: { gte: new Date(`${filter.from}T00:00:00.000Z`) } } : {},
      filter.to ? { createdAt: { lt: new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000) } } : {},
    ],
  };
  const rows = await getDb().auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE + 1,
  });
  return {
    events: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, details: row.details as Record<string, unknown> | null })),
    hasMore: rows.length > AUDIT_PAGE_SIZE,
  };
}
