/**
 * In-process counters and histograms. Each replica keeps its own; Prometheus scrapes every replica and
 * sums, so nothing here needs the database. Kept on globalThis so hot reload and route bundles share one.
 */
type Labels = Record<string, string>;

interface Histogram {
  buckets: number[];
  counts: number[];
  sum: number;
  count: number;
}

interface Store {
  counters: Map<string, Map<string, number>>;
  histograms: Map<string, Map<string, Histogram>>;
}

/** Seconds; a runner step is meant to stay far below a serverless function's limit. */
const STEP_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const globalForMetrics = globalThis as unknown as { bulkConsoleMetrics?: Store };

function store(): Store {
  globalForMetrics.bulkConsoleMetrics ??= { counters: new Map(), histograms: new Map() };
  return globalForMetrics.bulkConsoleMetrics;
}

/** A stable key for a label set (sorted, so {a,b} and {b,a} are one series). */
function keyOf(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

export function incrementCounter(name: string, labels: Labels = {}, by = 1): void {
  const series = store().counters.get(name) ?? new Map<string, number>();
  store().counters.set(name, series);
  const key = keyOf(labels);
  series.set(key, (series.get(key) ?? 0) + by);
}

export function observeHistogram(name: string, labels: Labels, value: number, buckets = STEP_BUCKETS): void {
  const series = store().histograms.get(name) ?? new Map<string, Histogram>();
  store().histograms.set(name, series);
  const key = keyOf(labels);
  const histogram = series.get(key) ?? { buckets, counts: buckets.map(() => 0), sum: 0, count: 0 };
  series.set(key, histogram);
  buckets.forEach((bound, i) => {
    if (value <= bound) histogram.counts[i] += 1;
  });
  histogram.sum += value;
  histogram.count += 1;
}

export interface CounterSample {
  labels: Labels;
  value: number;
}

export interface HistogramSample {
  labels: Labels;
  histogram: Histogram;
}

export function counterSamples(name: string): CounterSample[] {
  return [...(store().counters.get(name) ?? new Map<string, number>())].map(([key, value]) => ({ labels: Object.fromEntries(JSON.parse(key) as [string, string][]), value }));
}

export function histogramSamples(name: string): HistogramSample[] {
  return [...(store().histograms.get(name) ?? new Map<string, Histogram>())].map(([key, histogram]) => ({ labels: Object.fromEntries(JSON.parse(key) as [string, string][]), histogram }));
}
