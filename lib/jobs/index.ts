/** Public entry of the job runner. */
export { createRunner, type PortFactory, type Runner } from "./runner";
export { getProcessRunner, startRunnerLoop } from "./loop";
export { orgConnectionPort } from "./org-port";
export type { BulkPort } from "./bulk-port";
export type { RunnerSettings } from "./settings";
export { columnMappingSchema, type ColumnMapping } from "./projection";
export { dropAllLeases } from "./mutations";
export { assertCronRequest } from "./cron";
