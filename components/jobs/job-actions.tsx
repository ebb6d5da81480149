"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { abortJobAction, retryFailedRowsAction } from "@/lib/bulk-jobs/actions";

interface Props {
  jobId: string;
  canAbort: boolean;
  canRetry: boolean;
}

export function JobActions({ jobId, canAbort, canRetry }: Props) {
  const [abortState, abort] = useActionState(abortJobAction, {});
  const [retryState, retry] = useActionState(retryFailedRowsAction, {});
  const state = abortState.message ? abortState : retryState;
  if (!canAbort && !canRetry && !state.message) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canAbort ? (
          <form
            action={abort}
            onSubmit={(event) => {
              if (!window.confirm("Abort this job? Rows already processed stay processed.")) event.preventDefault();
            }}
          >
            <input type="hidden" name="jobId" value={jobId} />
            <SubmitButton variant="danger" pendingLabel="Aborting…">
              Abort
            </SubmitButton>
          </form>
        ) : null}
        {canRetry ? (
          <form action={retry}>
            <input type="hidden" name="jobId" value={jobId} />
            <SubmitButton variant="secondary" pendingLabel="Starting retry…">
              Retry failed rows
            </SubmitButton>
          </form>
        ) : null}
      </div>
      {state.message ? <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice> : null}
    </div>
  );
}
