/** The one writer of the append-only audit log (a database trigger refuses updates and deletes). */
import { getDb } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { AuditAction } from "./schema";

export interface AuditEventInput {
  action: AuditAction;
  teamId?: string | null;
  actor?: { id: string | null; email: string | null } | null;
  target?: { type: string; id: string } | null;
  details?: Record<string, string | number | boolean | null>;
  meta?: { ip: string | null; userAgent: string | null };
}

// Belt and braces: a detail whose key looks like a secret is dropped, whoever passed it in.
const SECRET_KEY = /pass|secret|token|session|authorization|cookie|key/i;
// Control characters would let a crafted value forge lines in exported logs.
const CONTROL = /[\u0000-\u001f\u007f]/g;

const clean = (value: string | null | undefined, max = 500) => (value == null ? null : value.replace(CONTROL, " ").slice(0, max));

export async function recordAuditEvent(event: AuditEventInput): Promise<void> {
  const details: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(event.details ?? {})) {
    if (SECRET_KEY.test(key)) continue;
    details[key] = typeof value === "string" ? clean(value) : value;
  }
  await getDb().auditEvent.create({
    data: {
      action: event.action,
      teamId: event.teamId ?? null,
      actorId: event.actor?.id ?? null,
      actorEmail: clean(event.actor?.email, 320),
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      details: Object.keys(details).length ? (details as Prisma.InputJsonObject) : undefined,
      ip: clean(event.meta?.ip, 100),
      userAgent: clean(event.meta?.userAgent, 300),
    },
  });
}
