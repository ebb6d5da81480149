import type { Metadata } from "next";
import Link from "next/link";
import { JobFilters, type JobFilterValues } from "@/components/jobs/job-filters";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { buttonClass } from "@/components/ui/button-class";
import { formatUtc } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth";
import { loadBulkJobs } from "@/lib/bulk-jobs/loaders";
import { loadMemberEmails } from "@/lib/bulk-jobs/people";
import { loadOrgConnections } from "@/lib/orgs/loaders";
import { requirePageMembership } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Bulk jobs" };
export const dynamic = "force-dynamic";

const FILTER_KEYS = ["orgConnectionId", "object", "operation", "state", "createdById", "from", "to", "search", "cursor"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The form's UTC dates become the API's instants: "to" includes its whole day. */
function toApiFilters(values: Record<string, string | undefined>): Record<string, string | undefined> {
  const { from, to, ...rest } = values;
  if ((from && !DAY.test(from)) || (to && !DAY.test(to))) throw new Error("bad date");
  return {
    ...rest,
    createdAfter: from ? `${from}T00:00:00.000Z` : undefined,
    createdBefore: to ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000 - 1).toISOString() : undefined,
  };
}

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageMembership("/jobs");
  const params = await searchParams;
  // Empty form fields arrive as "", which the filter schema would reject as "too short".
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, typeof params[key] === "string" && params[key] ? params[key] : undefined]));
  let page: Awaited<ReturnType<typeof loadBulkJobs>> | null = null;
  let error: string | null = null;
  try {
    page = await loadBulkJobs(ctx, toApiFilters(filters));
  } catch {
    error = "Those filters are not valid. Pick the state, operation, org and person from the lists, and dates as YYYY-MM-DD.";
  }
  const [emails, orgs] = await Promise.all([loadMemberEmails(ctx.teamId), loadOrgConnections(ctx)]);
  const nextQuery = page?.nextCursor ? new URLSearchParams({ ...stripEmpty(filters), cursor: page.nextCursor }).toString() : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Bulk jobs</h1>
          <p className="mt-1 text-sm text-slate-600">Every job of your team, newest first.</p>
        </div>
        {can(ctx.role, "jobs.run") ? (
          <Link href="/jobs/new" className={buttonClass("primary")}>
            New job
          </Link>
        ) : null}
      </div>
      <JobFilters
        values={filters as JobFilterValues}
        orgs={orgs.connections.map((c) => ({ id: c.id, label: c.label }))}
        people={[...emails].map(([id, email]) => ({ id, email }))}
      />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {page && page.jobs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">No jobs match.</p>
      ) : null}
      {page && page.jobs.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Bulk jobs</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                {["Object", "Operation", "API", "State", "Processed", "Failed", "Created by", "Created at"].map((label) => (
                  <th key={label} scope="col" className="px-3 py-2 font-medium">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.jobs.map((job) => (
                <tr key={job.id} data-testid="job-row">
                  <td className="px-3 py-2">
                    <Link href={`/jobs/${job.id}`} className="font-medium text-brand-700 hover:underline">
                      {job.object}
                    </Link>
                    {job.origin === "attached" ? (
                      <span data-testid="attached-badge" className="ml-2 inline-flex rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800">
                        attached
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">{job.operation}</td>
                  <td className="px-3 py-2">{job.api}</td>
                  <td className="px-3 py-2">
                    <JobStateBadge state={job.state} />
                  </td>
                  <td className="px-3 py-2 tabular-nums">{job.processedRows}</td>
                  <td className="px-3 py-2 tabular-nums">{job.failedRows}</td>
                  <td className="px-3 py-2">{job.createdById ? (emails.get(job.createdById) ?? "former member") : "—"}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatUtc(job.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {nextQuery ? (
        <Link href={`/jobs?${nextQuery}`} className={buttonClass("secondary")}>
          Next page
        </Link>
      ) : null}
    </div>
  );
}

function stripEmpty(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
