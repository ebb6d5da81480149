/**
 * The org's own Bulk jobs as Salesforce lists them (Bulk 2.0 `jobs/ingest`, which includes v1 `Classic`
 * jobs, and `jobs/query`), for "attach a job made outside the app". Reads only: nothing is created.
 */
import { AppError } from "../errors";
import { getSalesforceClient } from "../orgs";
import { SalesforceApiError, type SalesforceClient } from "../salesforce";

export type ExternalJobType = "Classic" | "V2Ingest" | "V2Query";

export interface ExternalJob {
  id: string;
  jobType: ExternalJobType;
  object: string;
  operation: string;
  state: string;
  createdDate: string | null;
  createdById: string | null;
  externalIdFieldName: string | null;
  concurrencyMode: string | null;
  contentType: string | null;
}

/** Salesforce keeps jobs 7 days; this bounds one listing on a very busy org. */
const MAX_LISTED = 5_000;

/** The fields v1 job info and v2 job info share; v1 info has no jobType, so the fallback names it. */
interface JobInfoFields {
  id: string;
  object: string;
  operation: string;
  state: string;
  jobType?: string;
  createdDate?: string;
  createdById?: string;
  externalIdFieldName?: string;
  concurrencyMode?: string;
  contentType?: string;
}

function toExternal(info: JobInfoFields, fallback: ExternalJobType): ExternalJob {
  const type = info.jobType === "Classic" || info.jobType === "V2Ingest" || info.jobType === "V2Query" ? info.jobType : fallback;
  return {
    id: info.id,
    jobType: type,
    object: info.object,
    operation: info.operation,
    state: info.state,
    createdDate: info.createdDate ?? null,
    createdById: info.createdById ?? null,
    externalIdFieldName: info.externalIdFieldName ?? null,
    concurrencyMode: info.concurrencyMode ?? null,
    contentType: info.contentType ?? null,
  };
}

function salesforceTrouble(error: unknown): never {
  if (error instanceof SalesforceApiError) throw new AppError("SALESFORCE", `Salesforce answered ${error.errorCode}: ${error.message}`, { cause: error });
  throw error;
}

async function collect(client: SalesforceClient, kind: "ingest" | "query", fallback: ExternalJobType): Promise<ExternalJob[]> {
  const jobs: ExternalJob[] = [];
  for await (const info of client.bulkV2.listJobs(kind)) {
    jobs.push(toExternal(info, fallback));
    if (jobs.length >= MAX_LISTED) break;
  }
  return jobs;
}

/** The org's most recent jobs of every kind, newest first. */
export async function listExternalJobs(teamId: string, orgConnectionId: string, limit = 50): Promise<ExternalJob[]> {
  const client = await getSalesforceClient(teamId, orgConnectionId);
  try {
    const [ingest, query] = await Promise.all([collect(client, "ingest", "V2Ingest"), collect(client, "query", "V2Query")]);
    const seen = new Set<string>();
    return [...ingest, ...query]
      .filter((job) => (seen.has(job.id) ? false : (seen.add(job.id), true)))
      .sort((a, b) => (b.createdDate ?? "").localeCompare(a.createdDate ?? ""))
      .slice(0, limit);
  } catch (error) {
    return salesforceTrouble(error);
  }
}

/** One job, read through the API that made it (v1 for Classic jobs). */
export async function getExternalJob(teamId: string, orgConnectionId: string, sfJobId: string, jobType: ExternalJobType): Promise<ExternalJob> {
  const client = await getSalesforceClient(teamId, orgConnectionId);
  try {
    if (jobType === "Classic") {
      return toExternal(await client.bulkV1.getJob(sfJobId), "Classic");
    }
    return toExternal(await client.bulkV2.getJob(jobType === "V2Query" ? "query" : "ingest", sfJobId), jobType);
  } catch (error) {
    if (error instanceof SalesforceApiError && error.status === 404) throw new AppError("NOT_FOUND", `Salesforce has no ${jobType} job ${sfJobId} (any more).`);
    return salesforceTrouble(error);
  }
}
