/** Public entry of the metrics module. */
export { assertMetricsRequest } from "./access";
export { readDatabaseMetrics } from "./data";
export { PROMETHEUS_CONTENT_TYPE, renderMetrics } from "./prometheus";
