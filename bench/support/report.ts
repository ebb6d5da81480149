/**
 * How a suite hands figures to bench/run.ts: lines `BENCH_JSON {…}` on stdout. A figure with a
 * `goal` is a goal line for RESULTS.md (met or missed, and why).
 */

export function figure(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(`BENCH_JSON ${JSON.stringify({ name, value: Math.round(value * 100) / 100, unit, ...extra })}`);
}

export function goal(text: string, met: boolean, why: string): void {
  console.log(`goal: ${text}: ${met ? "MET" : "MISSED"} (${why})`);
  console.log(`BENCH_JSON ${JSON.stringify({ goal: text, met, why })}`);
}
