"use server";
/** Job page server actions: each checks the caller's role in their current team, then calls the service. */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentRequestMeta } from "../audit";
import { requireMembership } from "../auth";
import { formAction, formObject, type FormState } from "../teams/form-state";
import { attachExternalJob } from "./attach";
import { abortJob, retryFailedRows } from "./service";

const jobIdSchema = z.object({ jobId: z.string().trim().min(1).max(64) });

export async function abortJobAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("member");
    const { jobId } = jobIdSchema.parse(formObject(formData));
    const { state } = await abortJob(ctx, jobId, await currentRequestMeta());
    revalidatePath(`/jobs/${jobId}`);
    return { ok: true, message: state === "aborted" ? "Job aborted." : "Aborting: what Salesforce already processed stays processed, and its results are kept." };
  });
}

export async function retryFailedRowsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let childId: string | null = null;
  const state = await formAction(async () => {
    const ctx = await requireMembership("member");
    const { jobId } = jobIdSchema.parse(formObject(formData));
    childId = (await retryFailedRows(ctx, jobId, await currentRequestMeta())).id;
    return { ok: true };
  });
  // Outside formAction: redirect() throws, and the new job page is where the person wants to be.
  if (childId) redirect(`/jobs/${childId}`);
  return state;
}

const attachSchema = z.object({ orgConnectionId: z.string().trim().min(1).max(64), sfJobId: z.string(), jobType: z.string() });

/** "Attach" on the org page: the job is watched like our own, and its page opens. */
export async function attachJobAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let jobId: string | null = null;
  const state = await formAction(async () => {
    const ctx = await requireMembership("member");
    const { orgConnectionId, ...input } = attachSchema.parse(formObject(formData));
    jobId = (await attachExternalJob(ctx, orgConnectionId, input, await currentRequestMeta())).id;
    return { ok: true };
  });
  if (jobId) redirect(`/jobs/${jobId}`);
  return state;
}
