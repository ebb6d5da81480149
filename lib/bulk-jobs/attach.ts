/** Jobs made outside the app: the org's list from Salesforce, and "attach" (member+) to watch one like our own. */
import { z } from "zod";
import type { RequestMeta } from "../audit";
import { can, type MembershipContext } from "../auth";
import { AppError } from "../errors";
import { getExternalJob, listExternalJobs, type ExternalJob } from "../jobs/external-jobs";
import { auditJob } from "./audit";
import { findWatchedSfJobs, getOrgConnectionForJob } from "./data";
import { insertAttachedJob } from "./mutations";

const OPERATIONS = ["insert", "update", "upsert", "delete", "hardDelete", "query", "queryAll"] as const;

const attachJobSchema = z.object({
  sfJobId: z.string().trim().regex(/^[A-Za-z0-9]{15,18}$/, "Must be a Salesforce job id."),
  jobType: z.enum(["Classic", "V2Ingest", "V2Query"]),
});

export type ListedExternalJob = ExternalJob & { watchedJobId: string | null };

async function requireConnection(ctx: MembershipContext, orgConnectionId: string) {
  const connection = await getOrgConnectionForJob(ctx.teamId, orgConnectionId);
  if (!connection) throw new AppError("NOT_FOUND", "Org connection not found.");
  if (connection.status === "reconnect_required") throw new AppError("CONFLICT", "This org connection must be reconnected first.");
  return connection;
}

/** The org's recent Bulk jobs, each marked with our job id when this team already watches it. */
export async function loadExternalJobs(ctx: MembershipContext, orgConnectionId: string): Promise<ListedExternalJob[]> {
  await requireConnection(ctx, orgConnectionId);
  const jobs = await listExternalJobs(ctx.teamId, orgConnectionId);
  const watched = await findWatchedSfJobs(ctx.teamId, jobs.map((job) => job.id));
  return jobs.map((job) => ({ ...job, watchedJobId: watched.get(job.id) ?? null }));
}

export async function attachExternalJob(ctx: MembershipContext, orgConnectionId: string, raw: unknown, meta?: RequestMeta): Promise<{ id: string }> {
  if (!can(ctx.role, "jobs.run")) throw new AppError("FORBIDDEN", "Attaching jobs needs the member role or higher.");
  const input = attachJobSchema.parse(raw);
  await requireConnection(ctx, orgConnectionId);
  const already = (await findWatchedSfJobs(ctx.teamId, [input.sfJobId])).get(input.sfJobId);
  if (already) throw new AppError("CONFLICT", `This Salesforce job is already watched here: job ${already}.`);
  const info = await getExternalJob(ctx.teamId, orgConnectionId, input.sfJobId, input.jobType);
  const operation = OPERATIONS.find((op) => op === info.operation);
  if (!operation) throw new AppError("VALIDATION", `Jobs of operation "${info.operation}" cannot be watched here.`);
  const id = await insertAttachedJob({
    teamId: ctx.teamId,
    userId: ctx.user.id,
    orgConnectionId,
    sfJobId: info.id,
    api: input.jobType === "Classic" ? "v1" : "v2",
    object: info.object,
    operation,
    externalIdField: info.externalIdFieldName,
    concurrencyMode: info.concurrencyMode === "Serial" ? "Serial" : "Parallel",
  });
  // No dedicated "attached" audit action exists yet; the details say how the job came to be.
  await auditJob(ctx, "job.attached", id, { sfJobId: info.id, jobType: input.jobType, object: info.object, operation }, meta);
  return { id };
}
