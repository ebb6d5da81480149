"use client";
/** Step 5: what the job will create and use against today's limits; then upload (resumable) and start it. */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button-class";
import type { LimitLeft, OrgLimitsLeft as LimitsLeft } from "@/lib/orgs/describe";
import { planJob, type JobPlan } from "@/lib/preflight";
import type { RunTask } from "./use-csv-worker";
import type { UploadResult, WorkerProgress } from "./worker-protocol";
import { errorText, fetchJson, FileProgress, fmt } from "./wizard-ui";


interface Props {
  run: RunTask;
  file: File;
  delimiter: string;
  rows: number;
  exclude: number[];
  orgConnectionId: string;
  /** The job request without its uploadId. */
  job: Record<string, unknown>;
  api: "v1" | "v2";
  batchSize?: number;
  onBack(): void;
}

/** Today's limits for the org, loaded once per confirm step. */
export function useLimits(orgConnectionId: string): { limits: LimitsLeft | null; error: string | null } {
  const [limits, setLimits] = useState<LimitsLeft | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchJson<LimitsLeft>(`/api/orgs/${orgConnectionId}/limits`).then(
      (body) => live && setLimits(body),
      (caught: unknown) => live && setError(errorText(caught)),
    );
    return () => {
      live = false;
    };
  }, [orgConnectionId]);
  return { limits, error };
}

/** The plan in words, with a warning when it takes more than a tenth of what is left today. */
export function PlanSummary({ plan, limits, limitsError, records }: { plan: JobPlan; limits: LimitsLeft | null; limitsError: string | null; records: number | null }) {
  const share = (used: number, left?: LimitLeft) => (left && left.remaining > 0 ? used / left.remaining : used > 0 ? Infinity : 0);
  const heavy = limits && (share(plan.apiCalls, limits.dailyApiRequests) > 0.1 || share(plan.batches, limits.dailyBulkApiBatches) > 0.1);
  const facts: [string, string][] = [
    ...(records !== null ? ([["Records", fmt(records)]] as [string, string][]) : []),
    ["Salesforce jobs", fmt(plan.salesforceJobs)],
    ["Batches", fmt(plan.batches)],
    ["API calls (estimate)", `${fmt(plan.apiCalls)}${limits ? ` of ${fmt(limits.dailyApiRequests.remaining)} left today` : ""}`],
    ...(limits ? ([["Bulk batches left today", `${fmt(limits.dailyBulkApiBatches.remaining)} of ${fmt(limits.dailyBulkApiBatches.max)}`]] as [string, string][]) : []),
  ];
  return (
    <section aria-label="What the job will use" className="space-y-3">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
        {facts.map(([term, detail]) => (
          <div key={term}>
            <dt className="text-slate-500">{term}</dt>
            <dd className="font-medium">{detail}</dd>
          </div>
        ))}
      </dl>
      <ul className="list-disc pl-5 text-xs text-slate-500">
        {plan.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      {heavy ? <Notice tone="warning">This job would use more than 10 % of what the org has left today.</Notice> : null}
      {limitsError ? <Notice tone="warning">Today’s limits could not be read: {limitsError}</Notice> : null}
    </section>
  );
}

/** Creates the job and opens its page; the API's message is shown on failure. */
export async function startJob(body: Record<string, unknown>): Promise<string> {
  const created = await fetchJson<{ id: string }>("/api/jobs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return created.id;
}

export function ConfirmStep({ run, file, delimiter, rows, exclude, orgConnectionId, job, api, batchSize, onBack }: Props) {
  const router = useRouter();
  const { limits, error: limitsError } = useLimits(orgConnectionId);
  const [progress, setProgress] = useState<WorkerProgress | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const records = rows - exclude.length;
  const bytes = rows > 0 ? Math.round((file.size * records) / rows) : 0;
  const plan = planJob({ rows: records, bytes, api, operation: job.operation as Parameters<typeof planJob>[0]["operation"], batchSize });

  async function start() {
    setError(null);
    setProgress({ bytes: 0, total: file.size, rows: 0 });
    try {
      setStatus("Uploading the file in parts…");
      const upload = await run<UploadResult>({ type: "upload", file, input: { delimiter, fileName: file.name, exclude } }, setProgress);
      setStatus(`Uploaded ${fmt(upload.rowCount)} rows in ${upload.partCount} parts. Creating the job…`);
      const id = await startJob({ ...job, uploadId: upload.uploadId });
      setStatus("Job created. Opening it…");
      router.push(`/jobs/${id}`);
    } catch (caught) {
      setError(errorText(caught));
      setStatus(null);
      setProgress(null);
    }
  }

  const busy = status !== null;
  return (
    <div className="space-y-5">
      <PlanSummary plan={plan} limits={limits} limitsError={limitsError} records={records} />
      {progress ? <FileProgress label="Uploading" progress={progress} /> : null}
      {status ? <Notice tone="info">{status}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="flex gap-3">
        <button type="button" onClick={onBack} disabled={busy} className={buttonClass("secondary")}>
          Back
        </button>
        <button type="button" onClick={() => void start()} disabled={busy || records === 0} className={buttonClass("primary")}>
          Run the job
        </button>
      </div>
    </div>
  );
}
