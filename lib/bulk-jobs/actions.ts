"use server";
/** Job page server actions: each checks the caller's role in their current team, then calls the service. */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireMembership } from "../auth";
import { formAction, formObject, type FormState } from "../teams/form-state";
import { abortJob, retryFailedRows } from "./service";

const jobIdSchema = z.object({ jobId: z.string().trim().min(1).max(64) });

export async function abortJobAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("member");
    const { jobId } = jobIdSchema.parse(formObject(formData));
    const { state } = await abortJob(ctx, jobId);
    revalidatePath(`/jobs/${jobId}`);
    return { ok: true, message: state === "aborted" ? "Job aborted." : "Aborting: batches already sent finish at Salesforce." };
  });
}

export async function retryFailedRowsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let childId: string | null = null;
  const state = await formAction(async () => {
    const ctx = await requireMembership("member");
    const { jobId } = jobIdSchema.parse(formObject(formData));
    childId = (await retryFailedRows(ctx, jobId)).id;
    return { ok: true };
  });
  // Outside formAction: redirect() throws, and the new job page is where the person wants to be.
  if (childId) redirect(`/jobs/${childId}`);
  return state;
}
