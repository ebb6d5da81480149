/** The progress card's body: bar, counts, throughput and (while it means something) the ETA. */

interface Props {
  total: number;
  processed: number;
  failed: number;
  remaining: number;
  finished: boolean;
  elapsed: string | null;
  throughput: string | null;
  eta: string | null;
}

const fmt = (value: number) => value.toLocaleString("en-US");

export function JobProgress({ total, processed, failed, remaining, finished, elapsed, throughput, eta }: Props) {
  // processed already counts the failed rows, as Salesforce's numberRecordsProcessed does.
  const percent = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : finished ? 100 : 0;
  const counts: [string, string, number][] = [
    ["Total", "total", total],
    ["Processed", "processed", processed],
    ["Failed", "failed", failed],
    ["Remaining", "remaining", remaining],
  ];
  return (
    <>
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
        {counts.map(([label, id, value]) => (
          <div key={id}>
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${id}`}>
              {/* Plain digits: scripts and tests read these numbers back. */}
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
        <div className="flex gap-1">
          <dt>Throughput:</dt>
          <dd data-testid="throughput">{throughput ?? "not measured yet"}</dd>
        </div>
        {elapsed ? (
          <div className="flex gap-1">
            <dt>{finished ? "Took" : "Running for"}:</dt>
            <dd>{elapsed}</dd>
          </div>
        ) : null}
        {eta ? (
          <div className="flex gap-1">
            <dt>About</dt>
            <dd data-testid="eta">{eta} left ({fmt(remaining)} rows)</dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}
