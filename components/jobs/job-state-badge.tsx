const TONES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-800",
  running: "bg-sky-50 text-sky-800",
  paused: "bg-amber-50 text-amber-800",
  aborting: "bg-amber-50 text-amber-800",
  completed: "bg-emerald-50 text-emerald-800",
  failed: "bg-red-50 text-red-800",
  aborted: "bg-slate-200 text-slate-800",
};

/** Capitalised state in a pill, so "Completed" reads the same in the table and on the job page. */
export function JobStateBadge({ state }: { state: string }) {
  return (
    <span data-testid="job-state" className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ${TONES[state] ?? TONES.queued}`}>
      {state.charAt(0).toUpperCase() + state.slice(1)}
    </span>
  );
}
