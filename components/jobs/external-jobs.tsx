"use client";
import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { formatUtc } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { attachJobAction } from "@/lib/bulk-jobs/actions";

export interface ExternalJobRow {
  id: string;
  jobType: string;
  object: string;
  operation: string;
  state: string;
  createdDate: string | null;
  watchedJobId: string | null;
}

const API_LABEL: Record<string, string> = { Classic: "v1 (Classic)", V2Ingest: "2.0 ingest", V2Query: "2.0 query" };

/** The org's recent Bulk jobs from Salesforce; "Attach" (member+) watches one like a job made here. */
export function ExternalJobs({ orgConnectionId, jobs, canAttach }: { orgConnectionId: string; jobs: ExternalJobRow[]; canAttach: boolean }) {
  const [state, attach] = useActionState(attachJobAction, {});
  if (jobs.length === 0) return <p className="text-sm text-slate-600">Salesforce lists no Bulk jobs for this org (it keeps them 7 days).</p>;
  return (
    <div className="space-y-3">
      {state.message ? <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice> : null}
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Recent Bulk jobs at Salesforce</caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              {["Salesforce job", "API", "Object", "Operation", "State", "Created", ""].map((label, index) => (
                <th key={index} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                  {label || <span className="sr-only">Action</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {jobs.map((job) => (
              <tr key={job.id} data-testid="external-job-row">
                <td className="px-3 py-2 font-mono text-xs">{job.id}</td>
                <td className="px-3 py-2">{API_LABEL[job.jobType] ?? job.jobType}</td>
                <td className="px-3 py-2">{job.object}</td>
                <td className="px-3 py-2">{job.operation}</td>
                <td className="px-3 py-2">{job.state}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatUtc(job.createdDate)}</td>
                <td className="px-3 py-2">
                  {job.watchedJobId ? (
                    <Link href={`/jobs/${job.watchedJobId}`} className="text-brand-700 underline">
                      Watched here
                    </Link>
                  ) : canAttach ? (
                    <form action={attach}>
                      <input type="hidden" name="orgConnectionId" value={orgConnectionId} />
                      <input type="hidden" name="sfJobId" value={job.id} />
                      <input type="hidden" name="jobType" value={job.jobType} />
                      <SubmitButton variant="secondary" pendingLabel="Attaching…" aria-label={`Attach job ${job.id}`}>
                        Attach
                      </SubmitButton>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
