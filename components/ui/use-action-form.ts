"use client";
import { startTransition, useActionState, type FormEvent } from "react";
import type { FormState } from "@/lib/teams/form-state";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/**
 * A server action bound to a form that keeps what the person typed when the action answers with
 * an error (a plain `<form action>` resets its fields after every submission in React 19).
 */
export function useActionForm(action: Action) {
  const [state, dispatch, pending] = useActionState(action, {});
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLElement | null;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  return { state, pending, onSubmit };
}
