"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { acceptInviteAction } from "@/lib/teams/actions";

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(acceptInviteAction, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-600">Signed in as {email}.</p>
      {state.message ? <Notice tone="error">{state.message}</Notice> : null}
      <SubmitButton pendingLabel="Joining…" className="w-full">
        Accept invite
      </SubmitButton>
    </form>
  );
}
