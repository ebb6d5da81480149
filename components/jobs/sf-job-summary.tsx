/** The job-level view Salesforce gives: for Bulk API 2.0 the job info fields, summed over the Salesforce jobs a big file needed. */

interface SfRow {
  state: string;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  totalProcessingTime: number;
  apiActiveProcessingTime: number;
  apexProcessingTime: number;
  retries: number;
}

const fmt = (value: number) => value.toLocaleString("en-US");

export function SfJobSummary({ rows, v1JobState }: { rows: SfRow[]; v1JobState: string | null }) {
  const v2 = v1JobState === null;
  const sum = (pick: (row: SfRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const states = [...new Set(rows.map((r) => r.state))];
  const fields: [string, string][] = [
    ["Salesforce job state", v1JobState ?? (states.length ? states.join(", ") : "not created yet")],
    ["numberRecordsProcessed", fmt(sum((r) => r.numberRecordsProcessed))],
    ["numberRecordsFailed", fmt(sum((r) => r.numberRecordsFailed))],
    ["totalProcessingTime", `${fmt(sum((r) => r.totalProcessingTime))} ms`],
    ["apiActiveProcessingTime", `${fmt(sum((r) => r.apiActiveProcessingTime))} ms`],
    ["apexProcessingTime", `${fmt(sum((r) => r.apexProcessingTime))} ms`],
    ...(v2 ? ([["retries", fmt(sum((r) => r.retries))]] as [string, string][]) : []),
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3" data-testid="sf-job-summary">
      {fields.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-600">{label}</dt>
          <dd className="font-medium tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
