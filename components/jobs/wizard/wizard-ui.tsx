/** Shared look and small pieces of the job wizard's steps. */
import type { WorkerProgress } from "./worker-protocol";

export const INPUT =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-500";
export const LABEL = "block text-sm font-medium text-slate-800";
export const HINT = "mt-1 text-xs text-slate-500";

export const fmt = (value: number) => value.toLocaleString("en-US");

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** A labelled progress bar for a pass over the file, with its counts in words. */
export function FileProgress({ label, progress }: { label: string; progress: WorkerProgress }) {
  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.bytes / progress.total) * 100)) : 0;
  return (
    <div className="space-y-1">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full overflow-hidden rounded bg-slate-200">
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-slate-600" aria-live="polite">
        {label}: {percent} % ({formatBytes(progress.bytes)} of {formatBytes(progress.total)}, {fmt(progress.rows)} rows)
        {progress.note ? ` — ${progress.note}` : ""}
      </p>
    </div>
  );
}

/** Reads the API's error envelope; the message is shown beside the control that asked. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Error("The server could not be reached. Check the connection and try again.");
  }
  const body = (await response.json().catch(() => ({}))) as T & { error?: { message?: string; fields?: Record<string, string> } };
  if (!response.ok) {
    const fields = body.error?.fields ? ` ${Object.values(body.error.fields).join(" ")}` : "";
    throw new Error(`${body.error?.message ?? `The server answered ${response.status}.`}${fields && !body.error?.message?.includes(":") ? fields : ""}`);
  }
  return body;
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : "Something went wrong.");
