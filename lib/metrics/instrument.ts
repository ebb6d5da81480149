/** The runner's hooks: every Salesforce call and every step is counted here, without the runner knowing the format. */
import { incrementCounter, observeHistogram } from "./registry";

export const SF_CALLS = "bulk_console_salesforce_api_calls_total";
export const SF_ERRORS = "bulk_console_salesforce_api_errors_total";
export const STEP_SECONDS = "bulk_console_runner_step_duration_seconds";

function errorCodeOf(error: unknown): string {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === "string" && code ? code : "UNKNOWN";
}

/**
 * Wraps a Salesforce port so each async method call counts as one API call (by method) and each
 * rejection as one error (by Salesforce error code). Synchronous helpers pass through uncounted.
 */
export function instrumentPort<T extends object>(port: T): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        incrementCounter(SF_CALLS, { method: property });
        return result.catch((error: unknown) => {
          incrementCounter(SF_ERRORS, { code: errorCodeOf(error) });
          throw error;
        });
      };
    },
  });
}

/** Records one runner step's wall time; outcome is "ok" or "error". */
export function observeStep(startedAt: number, outcome: "ok" | "error"): void {
  observeHistogram(STEP_SECONDS, { outcome }, (performance.now() - startedAt) / 1000);
}
