"use client";
/** One Web Worker per wizard, and a promise per task with its progress. */
import { useCallback, useEffect, useRef } from "react";
import type { WorkerProgress, WorkerRequest, WorkerResponse } from "./worker-protocol";

type Pending = { resolve(value: unknown): void; reject(error: Error): void; onProgress(progress: WorkerProgress): void };
type TaskRequest = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export type RunTask = <T>(request: TaskRequest, onProgress: (progress: WorkerProgress) => void) => Promise<T>;

export function useCsvWorker(): { run: RunTask; cancel(): void } {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);

  const stop = useCallback((reason: string) => {
    worker.current?.terminate();
    worker.current = null;
    for (const task of pending.current.values()) task.reject(new Error(reason));
    pending.current.clear();
  }, []);

  useEffect(() => () => stop("The page was closed."), [stop]);

  const ensure = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const created = new Worker(new URL("./csv-worker.ts", import.meta.url), { type: "module" });
    created.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      const task = pending.current.get(message.id);
      if (!task) return;
      if (message.type === "progress") return task.onProgress(message.progress);
      pending.current.delete(message.id);
      if (message.type === "done") task.resolve(message.result);
      else task.reject(new Error(message.message));
    };
    created.onerror = () => stop("The file reader stopped unexpectedly. Pick the file again.");
    worker.current = created;
    return created;
  }, [stop]);

  const run: RunTask = useCallback(
    <T,>(request: TaskRequest, onProgress: (progress: WorkerProgress) => void) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId.current++;
        pending.current.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
        ensure().postMessage({ ...request, id } as WorkerRequest);
      }),
    [ensure],
  );

  return { run, cancel: () => stop("Cancelled.") };
}
