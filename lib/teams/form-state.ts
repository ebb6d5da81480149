/** What a server action hands back to its form: a message, and errors keyed by field name. */
import { unstable_rethrow } from "next/navigation";
import { getLogger } from "../logger";
import { toAppError } from "../http";

export interface FormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** A value the form shows once, such as a new invite link. */
  result?: string;
}

export async function formAction(run: () => Promise<FormState>): Promise<FormState> {
  try {
    return await run();
  } catch (error) {
    // redirect() and notFound() throw on purpose.
    unstable_rethrow(error);
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") getLogger().error({ err: error }, "server action failed");
    return { ok: false, message: appError.message, fieldErrors: appError.fieldErrors };
  }
}

export function formObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  return out;
}
