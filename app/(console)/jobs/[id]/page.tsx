import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BatchTable } from "@/components/jobs/batch-table";
import { JobActions } from "@/components/jobs/job-actions";
import { JobLiveRefresh } from "@/components/jobs/job-live-refresh";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { Card } from "@/components/ui/notice";
import { formatUtc } from "@/components/ui/format";
import { can } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { loadBulkJob, loadBulkJobEvents } from "@/lib/bulk-jobs/loaders";
import { requirePageMembership } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Bulk job" };
export const dynamic = "force-dynamic";

const FINISHED = ["completed", "failed", "aborted"];

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageMembership(`/jobs/${id}`);
  const loaded = await Promise.all([loadBulkJob(ctx, id), loadBulkJobEvents(ctx, id)]).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [job, events] = loaded;
  const finished = FINISHED.includes(job.state);
  const query = job.operation === "query" || job.operation === "queryAll";
  const total = job.totalRows ?? 0;
  // processedRows already counts the failed rows, as Salesforce's numberRecordsProcessed does.
  const done = job.processedRows;
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : finished ? 100 : 0;
  const downloads = query ? ["query"] : ["successes", "failures", "unprocessed"];
  return (
    <div className="space-y-6">
      <JobLiveRefresh jobId={job.id} state={job.state} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/jobs" className="text-brand-700 hover:underline">
              ← All jobs
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">
            {job.object} · {job.operation}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            Bulk API {job.api === "v1" ? "1.0" : "2.0"} · {job.fileName ?? "no file"} · created {formatUtc(job.createdAt)}
            {job.sfJobId ? ` · Salesforce job ${job.sfJobId}` : ""}
          </p>
        </div>
        <JobStateBadge state={job.state} />
      </div>
      {job.stateMessage ? <p className="text-sm text-slate-700">{job.stateMessage}</p> : null}
      <Card title="Progress">
        <div
          role="progressbar"
          aria-label="Rows processed"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full bg-brand-600" style={{ width: `${percent}%` }} />
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          {[
            ["Total", total],
            ["Processed", job.processedRows],
            ["Failed", job.failedRows],
            ["Unprocessed", job.unprocessedRows],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-slate-600">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${String(label).toLowerCase()}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <JobActions jobId={job.id} canAbort={!finished && can(ctx.role, "jobs.abort")} canRetry={finished && !query && job.failedRows + job.unprocessedRows > 0 && can(ctx.role, "jobs.run")} />
      {job.parentJobId || job.retries.length ? (
        <p className="text-sm text-slate-700">
          {job.parentJobId ? (
            <Link href={`/jobs/${job.parentJobId}`} className="text-brand-700 hover:underline">
              Parent job
            </Link>
          ) : null}
          {job.retries.map((retry) => (
            <Link key={retry.id} href={`/jobs/${retry.id}`} className="ml-3 text-brand-700 hover:underline">
              Retry job ({retry.state})
            </Link>
          ))}
        </p>
      ) : null}
      <Card title="Results" description="Every original column, with the row number, Salesforce id and error.">
        <ul className="flex flex-wrap gap-3 text-sm">
          {downloads.map((kind) => (
            <li key={kind}>
              <a href={`/api/jobs/${job.id}/results/${kind}`} download className="text-brand-700 underline">
                Download {kind === "query" ? "query results" : kind}
              </a>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Batches">
        <BatchTable batches={job.batches} />
      </Card>
      <Card title="Timeline">
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing happened yet.</p>
        ) : (
          <ol className="space-y-1 text-sm">
            {events.map((event) => (
              <li key={event.id} className="flex gap-3">
                <span className="whitespace-nowrap text-slate-500">{formatUtc(event.createdAt)}</span>
                <span className="font-medium">{event.type}</span>
                <span className="text-slate-700">{event.message}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
