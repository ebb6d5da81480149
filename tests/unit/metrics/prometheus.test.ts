import { describe, expect, it } from "vitest";
import { instrumentPort } from "../../../lib/metrics/instrument";
import { renderMetrics } from "../../../lib/metrics/prometheus";
import { observeHistogram } from "../../../lib/metrics/registry";

const DB = { jobsByState: { queued: 2, completed: 0 }, batchesSubmitted: 5, recordsProcessed: 10, recordsFailed: 1 };

function line(text: string, prefix: string): string | undefined {
  return text.split("\n").find((l) => l.startsWith(prefix));
}

describe("prometheus rendering", () => {
  it("writes gauges with HELP/TYPE headers and zero-valued states", () => {
    const text = renderMetrics(DB);
    expect(text).toContain("# TYPE bulk_console_jobs gauge");
    expect(line(text, 'bulk_console_jobs{state="queued"}')).toBe('bulk_console_jobs{state="queued"} 2');
    expect(line(text, 'bulk_console_jobs{state="completed"}')).toBe('bulk_console_jobs{state="completed"} 0');
    expect(text.endsWith("\n")).toBe(true);
  });

  it("counts async port calls by method and rejections by error code, and passes sync helpers through", async () => {
    const fail = Object.assign(new Error("x"), { errorCode: 'ODD"CODE' });
    const port = instrumentPort({
      ok: async () => 1,
      bad: async () => Promise.reject(fail),
      sync: () => "plain",
    });
    expect(port.sync()).toBe("plain");
    await port.ok();
    await port.ok();
    await expect(port.bad()).rejects.toBe(fail);
    const text = renderMetrics(DB);
    expect(line(text, 'bulk_console_salesforce_api_calls_total{method="ok"}')).toBe('bulk_console_salesforce_api_calls_total{method="ok"} 2');
    expect(line(text, 'bulk_console_salesforce_api_calls_total{method="sync"}')).toBeUndefined();
    expect(text).toContain('bulk_console_salesforce_api_errors_total{code="ODD\\"CODE"} 1');
  });

  it("keeps histogram buckets cumulative", () => {
    for (const seconds of [0.02, 0.3, 7, 100]) observeHistogram("bulk_console_runner_step_duration_seconds", { outcome: "unit" }, seconds);
    const text = renderMetrics(DB);
    const bucket = (le: string) => line(text, `bulk_console_runner_step_duration_seconds_bucket{outcome="unit",le="${le}"}`)?.split(" ")[1];
    expect([bucket("0.01"), bucket("0.05"), bucket("0.5"), bucket("10"), bucket("60"), bucket("+Inf")]).toEqual(["0", "1", "2", "3", "3", "4"]);
    expect(line(text, 'bulk_console_runner_step_duration_seconds_count{outcome="unit"}')).toBe('bulk_console_runner_step_duration_seconds_count{outcome="unit"} 4');
  });
});
