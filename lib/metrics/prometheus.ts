/** Prometheus text exposition format 0.0.4. */
import type { DatabaseMetrics } from "./data";
import { SF_CALLS, SF_ERRORS, STEP_SECONDS } from "./instrument";
import { counterSamples, histogramSamples } from "./registry";

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function series(name: string, labels: Record<string, string>, value: number): string {
  const entries = Object.entries(labels);
  const text = entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}` : "";
  return `${name}${text} ${value}`;
}

function header(name: string, type: "gauge" | "counter" | "histogram", help: string): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
}

function histogramLines(name: string): string[] {
  const lines: string[] = [];
  for (const { labels, histogram } of histogramSamples(name)) {
    histogram.buckets.forEach((bound, i) => lines.push(series(`${name}_bucket`, { ...labels, le: String(bound) }, histogram.counts[i])));
    lines.push(series(`${name}_bucket`, { ...labels, le: "+Inf" }, histogram.count));
    lines.push(series(`${name}_sum`, labels, histogram.sum));
    lines.push(series(`${name}_count`, labels, histogram.count));
  }
  return lines;
}

export function renderMetrics(db: DatabaseMetrics): string {
  const lines = [
    ...header("bulk_console_jobs", "gauge", "Bulk jobs by state (all teams, from the database)."),
    ...Object.entries(db.jobsByState).map(([state, count]) => series("bulk_console_jobs", { state }, count)),
    ...header("bulk_console_batches_submitted", "gauge", "Salesforce batches submitted (from the database)."),
    series("bulk_console_batches_submitted", {}, db.batchesSubmitted),
    ...header("bulk_console_records_processed", "gauge", "Records Salesforce processed, successes and failures (from the database)."),
    series("bulk_console_records_processed", {}, db.recordsProcessed),
    ...header("bulk_console_records_failed", "gauge", "Records Salesforce failed (from the database)."),
    series("bulk_console_records_failed", {}, db.recordsFailed),
    ...header(SF_CALLS, "counter", "Salesforce API calls made by this process's runner, by method."),
    ...counterSamples(SF_CALLS).map((s) => series(SF_CALLS, s.labels, s.value)),
    ...header(SF_ERRORS, "counter", "Salesforce API calls that failed, by error code."),
    ...counterSamples(SF_ERRORS).map((s) => series(SF_ERRORS, s.labels, s.value)),
    ...header(STEP_SECONDS, "histogram", "Wall time of one runner step."),
    ...histogramLines(STEP_SECONDS),
  ];
  return `${lines.join("\n")}\n`;
}
