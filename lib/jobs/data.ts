/** Runner reads. */
import { getDb } from "../db";

export async function getJobForStep(jobId: string) {
  return getDb().bulkJob.findUniqueOrThrow({
    where: { id: jobId },
    include: { batches: { orderBy: { seq: "asc" } }, upload: { select: { columns: true } } },
  });
}

export type StepJob = Awaited<ReturnType<typeof getJobForStep>>;
export type StepBatch = StepJob["batches"][number];

export function countJobEvents(jobId: string, type: string): Promise<number> {
  return getDb().bulkJobEvent.count({ where: { bulkJobId: jobId, type } });
}
