import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { formatUtc } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth";
import { loadAuditLog } from "@/lib/audit/loaders";
import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/audit/schema";
import { requirePageMembership } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const describe = (details: Record<string, unknown> | null) =>
  details
    ? Object.entries(details)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join(" · ")
    : "";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageMembership("/audit");
  if (!can(ctx.role, "audit.view")) {
    return <Notice tone="warning">The audit log is for admins and owners. You are a {ctx.role}.</Notice>;
  }
  const params = await searchParams;
  const { filter, events, hasMore } = await loadAuditLog(params, ctx.teamId);
  const pageLink = (page: number) => `/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter(([, v]) => v)), page: String(page) } as Record<string, string>)}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">Append-only: who did what, when (UTC) and from where. Secrets are never recorded.</p>
      </div>
      <AuditFilters filter={filter} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">When (UTC)</th>
              <th scope="col" className="px-4 py-2">Who</th>
              <th scope="col" className="px-4 py-2">What</th>
              <th scope="col" className="px-4 py-2">Details</th>
              <th scope="col" className="px-4 py-2">From</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-slate-500">No events match these filters.</td>
              </tr>
            ) : (
              events.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatUtc(event.createdAt)}</td>
                  <td className="px-4 py-2">{event.actorEmail ?? "—"}</td>
                  <td className="px-4 py-2 font-medium">{AUDIT_ACTION_LABELS[event.action as AuditAction] ?? event.action}</td>
                  <td className="max-w-md px-4 py-2 text-slate-600">{describe(event.details)}</td>
                  <td className="px-4 py-2 text-slate-600" title={event.userAgent ?? undefined}>{event.ip ?? "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {filter.page > 1 ? <Link className="text-brand-700 underline" href={pageLink(filter.page - 1)}>Newer</Link> : null}
        {hasMore ? <Link className="text-brand-700 underline" href={pageLink(filter.page + 1)}>Older</Link> : null}
      </nav>
    </div>
  );
}
