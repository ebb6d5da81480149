import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BatchTable } from "@/components/jobs/batch-table";
import { BatchTimeChart, OutcomeChart } from "@/components/jobs/job-charts";
import { JobActions } from "@/components/jobs/job-actions";
import { JobLiveRefresh } from "@/components/jobs/job-live-refresh";
import { JobProgress } from "@/components/jobs/job-progress";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { QuerySplit } from "@/components/jobs/query-split";
import { SfJobSummary } from "@/components/jobs/sf-job-summary";
import { Card, Notice } from "@/components/ui/notice";
import { formatUtc } from "@/components/ui/format";
import { can } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { loadBulkJob, loadBulkJobEvents } from "@/lib/bulk-jobs/loaders";
import { batchTimings, computeProgress, formatDuration, formatRate } from "@/lib/bulk-jobs/progress";
import { requirePageMembership } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Bulk job" };
export const dynamic = "force-dynamic";

const FINISHED = ["completed", "failed", "aborted"];
const MAX_SPLIT_FILES = 500;

function parseRowsPerFile(raw: unknown, rows: number): { rowsPerFile: number | null; error: string | null } {
  if (typeof raw !== "string" || raw === "") return { rowsPerFile: null, error: null };
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) return { rowsPerFile: null, error: "Enter a whole number of rows, 1 or more." };
  if (Math.ceil(rows / value) > MAX_SPLIT_FILES) {
    return { rowsPerFile: value, error: `That makes more than ${MAX_SPLIT_FILES} files; use at least ${Math.ceil(rows / MAX_SPLIT_FILES).toLocaleString("en-US")} rows per file.` };
  }
  return { rowsPerFile: value, error: null };
}

export default async function JobPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const ctx = await requirePageMembership(`/jobs/${id}`);
  const loaded = await Promise.all([loadBulkJob(ctx, id), loadBulkJobEvents(ctx, id)]).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [job, events] = loaded;
  const finished = FINISHED.includes(job.state);
  const query = job.operation === "query" || job.operation === "queryAll";
  const attached = job.origin === "attached";
  const batches = job.batches.map((b) => ({
    ...b,
    numberRecordsProcessed: b.numberRecordsProcessed ?? 0,
    numberRecordsFailed: b.numberRecordsFailed ?? 0,
    totalProcessingTime: Number(b.totalProcessingTime ?? 0),
    apiActiveProcessingTime: Number(b.apiActiveProcessingTime ?? 0),
    apexProcessingTime: Number(b.apexProcessingTime ?? 0),
  }));
  const progress = computeProgress({ ...job, batches }, new Date());
  const split = query ? parseRowsPerFile((await searchParams).rowsPerFile, job.processedRows) : null;
  const downloads = query ? ["query"] : ["successes", "failures", "unprocessed"];
  const failed = Math.min(progress.processed, Math.max(job.failedRows, batches.reduce((sum, b) => sum + b.numberRecordsFailed, 0)));
  const succeeded = progress.processed - failed;
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
            Bulk API {job.api === "v1" ? "1.0" : "2.0"} · {attached ? "attached (made outside the app)" : (job.fileName ?? "no file")} · created {formatUtc(job.createdAt)}
            {job.sfJobId ? ` · Salesforce job ${job.sfJobId}` : ""}
          </p>
        </div>
        <JobStateBadge state={job.state} />
      </div>
      {job.stateMessage ? <p className="text-sm text-slate-700">{job.stateMessage}</p> : null}
      {job.state === "aborted" || job.state === "aborting" ? (
        <Notice tone="info">
          {progress.processed.toLocaleString("en-US")} records were processed before the abort; their results are kept.
          {job.state === "aborted" && !query && !attached ? ` ${job.unprocessedRows.toLocaleString("en-US")} were not processed (download "unprocessed").` : ""}
        </Notice>
      ) : null}
      <Card title="Progress">
        <JobProgress
          total={job.totalRows}
          processed={progress.processed}
          failed={failed}
          remaining={progress.remaining}
          finished={finished}
          elapsed={progress.elapsedMs !== null ? formatDuration(progress.elapsedMs) : null}
          throughput={progress.recordsPerSecond !== null ? formatRate(progress.recordsPerSecond) : null}
          eta={progress.etaMs !== null ? formatDuration(progress.etaMs) : null}
        />
      </Card>
      <JobActions
        jobId={job.id}
        canAbort={!finished && !attached && job.state !== "aborting" && can(ctx.role, "jobs.abort")}
        canRetry={finished && !query && !attached && job.failedRows + job.unprocessedRows > 0 && can(ctx.role, "jobs.run")}
      />
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
      <Card title="Results" description={attached ? "What Salesforce still had when the job finished." : "Every original column, with the row number, Salesforce id and error."}>
        <ul className="flex flex-wrap gap-3 text-sm">
          {downloads.map((kind) => (
            <li key={kind}>
              <a href={`/api/jobs/${job.id}/results/${kind}`} download className="text-brand-700 underline">
                Download {kind === "query" ? "query results" : kind}
              </a>
            </li>
          ))}
        </ul>
        {split ? <QuerySplit jobId={job.id} rows={job.processedRows} rowsPerFile={split.rowsPerFile} error={split.error} /> : null}
      </Card>
      <Card title="Salesforce job" description={job.api === "v2" ? "Bulk API 2.0 job info, summed over the Salesforce jobs this job needed." : "The Bulk API v1 job and its batch totals."}>
        <SfJobSummary rows={batches} v1JobState={job.api === "v1" ? job.sfJobState : null} />
      </Card>
      <Card title="Charts" description="Processing time per batch (to tune the batch size) and how the rows ended.">
        <div className="space-y-4">
          <BatchTimeChart timings={batchTimings(batches)} unit={job.api === "v1" ? "batch" : "job"} />
          {query ? null : <OutcomeChart succeeded={succeeded} failed={failed} unprocessed={progress.remaining} />}
        </div>
      </Card>
      <Card title={job.api === "v1" ? "Batches" : "Salesforce jobs"}>
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
