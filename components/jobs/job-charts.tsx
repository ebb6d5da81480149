/** Inline SVG charts (no chart library): batch processing times, and successes vs failures, each with a text summary. */

interface BatchTiming {
  label: string;
  ms: number;
  records: number;
  failed: number;
}

const fmt = (value: number) => Math.round(value).toLocaleString("en-US");

/** One bar per batch: its total processing time; a batch size too big shows as ever taller bars. */
export function BatchTimeChart({ timings, unit }: { timings: BatchTiming[]; unit: "batch" | "job" }) {
  if (timings.length === 0) return <p className="text-sm text-slate-600">No processing times reported yet.</p>;
  const width = 480;
  const height = 120;
  const max = Math.max(1, ...timings.map((t) => t.ms));
  const slot = width / timings.length;
  const bar = Math.max(1, Math.min(40, slot * 0.7));
  const times = timings.map((t) => t.ms);
  const average = times.reduce((a, b) => a + b, 0) / times.length;
  const records = timings.reduce((sum, t) => sum + t.records, 0);
  const totalSeconds = times.reduce((a, b) => a + b, 0) / 1000;
  const summary =
    `${timings.length} ${unit === "batch" ? "batches" : "Salesforce jobs"}: processing time from ${fmt(Math.min(...times))} ms to ${fmt(max)} ms, ` +
    `average ${fmt(average)} ms` +
    (totalSeconds > 0 ? `, ${fmt(records / totalSeconds)} records per second of processing time.` : ".");
  return (
    <figure data-testid="batch-time-chart">
      <svg viewBox={`0 0 ${width} ${height + 16}`} className="h-36 w-full max-w-xl" role="img" aria-labelledby="batch-time-summary">
        <line x1={0} y1={height} x2={width} y2={height} className="stroke-slate-300" />
        {timings.map((t, i) => {
          const h = Math.max(1, (t.ms / max) * (height - 4));
          return (
            <rect key={t.label} x={i * slot + (slot - bar) / 2} y={height - h} width={bar} height={h} className="fill-brand-600">
              <title>{`${unit === "batch" ? "Batch" : "Job"} ${t.label}: ${fmt(t.ms)} ms, ${fmt(t.records)} records`}</title>
            </rect>
          );
        })}
        <text x={0} y={height + 13} className="fill-slate-500 text-[10px]">
          {unit === "batch" ? "batch" : "job"} 1
        </text>
        <text x={width} y={height + 13} textAnchor="end" className="fill-slate-500 text-[10px]">
          max {fmt(max)} ms
        </text>
      </svg>
      <figcaption id="batch-time-summary" className="mt-1 text-sm text-slate-700">
        {summary}
      </figcaption>
    </figure>
  );
}

/** One stacked bar: succeeded, failed, not processed (yet). */
export function OutcomeChart({ succeeded, failed, unprocessed }: { succeeded: number; failed: number; unprocessed: number }) {
  const total = succeeded + failed + unprocessed;
  if (total === 0) return <p className="text-sm text-slate-600">No rows yet.</p>;
  const parts = [
    { label: "succeeded", value: succeeded, className: "fill-emerald-500" },
    { label: "failed", value: failed, className: "fill-red-500" },
    { label: "not processed", value: unprocessed, className: "fill-slate-300" },
  ];
  let x = 0;
  const summary = parts.map((p) => `${fmt(p.value)} ${p.label} (${Math.round((p.value / total) * 100)}%)`).join(", ");
  return (
    <figure data-testid="outcome-chart">
      <svg viewBox="0 0 480 24" className="h-6 w-full max-w-xl" role="img" aria-labelledby="outcome-summary">
        {parts.map((p) => {
          const w = (p.value / total) * 480;
          const rect = (
            <rect key={p.label} x={x} y={0} width={w} height={24} className={p.className}>
              <title>{`${fmt(p.value)} ${p.label}`}</title>
            </rect>
          );
          x += w;
          return rect;
        })}
      </svg>
      <figcaption id="outcome-summary" className="mt-1 text-sm text-slate-700">
        {summary}.
      </figcaption>
    </figure>
  );
}
