"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

const FINISHED = new Set(["completed", "failed", "aborted"]);

/**
 * Polls the job API every 2 s while the job runs and re-renders the server page when anything moved;
 * renders nothing and stops for good once the job is finished.
 */
export function JobLiveRefresh({ jobId, state }: { jobId: string; state: string }) {
  const router = useRouter();
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (FINISHED.has(state)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/jobs/${encodeURIComponent(jobId)}`, { cache: "no-store" });
        if (!response.ok || stopped) return;
        const job = (await response.json()) as { state?: string; processedRows?: number; failedRows?: number; batches?: unknown[] };
        // Batch progress does not always touch the job row, so compare what the page shows.
        const signature = JSON.stringify([job.state, job.processedRows, job.failedRows, job.batches]);
        const changed = seen.current !== null && seen.current !== signature;
        seen.current = signature;
        if (changed || job.state !== state) router.refresh();
      } catch {
        // A dropped request is retried on the next tick; the page must keep watching.
      }
    }, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [jobId, state, router]);
  return null;
}
