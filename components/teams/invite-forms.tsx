"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { createInviteAction, revokeInviteAction } from "@/lib/teams/actions";

export function CreateInviteForm() {
  const { state, pending, onSubmit } = useActionForm(createInviteAction);
  const errors = state.fieldErrors ?? {};
  const link = state.result ?? null;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-4 sm:items-end" noValidate>
        <SelectField
          id="invite-role"
          label="Role"
          name="role"
          defaultValue="member"
          options={[
            { value: "admin", label: "Admin" },
            { value: "member", label: "Member" },
            { value: "viewer", label: "Viewer" },
          ]}
          error={errors.role}
        />
        <Field id="invite-email" label="Email (optional)" name="email" type="email" autoComplete="off" error={errors.email} />
        <Field id="invite-days" label="Expires after (days)" name="expiresInDays" type="number" min={1} max={30} defaultValue={7} error={errors.expiresInDays} />
        <SubmitButton pending={pending} pendingLabel="Creating…">Create invite link</SubmitButton>
      </form>
      {state.message && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {link ? (
        <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3">
          <p className="text-sm text-emerald-900">{state.message}</p>
          <label htmlFor="invite-link" className="block text-sm font-medium text-emerald-900">
            Invite link
          </label>
          <input id="invite-link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} className="block w-full rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs" />
        </div>
      ) : null}
    </div>
  );
}

export function RevokeInviteForm({ inviteId, description }: { inviteId: string; description: string }) {
  const [state, action] = useActionState(revokeInviteAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="inviteId" value={inviteId} />
      <SubmitButton variant="danger" pendingLabel="Revoking…" aria-label={`Revoke invite ${description}`}>
        Revoke
      </SubmitButton>
      {state.message && !state.ok ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
