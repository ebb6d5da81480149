"use client";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { createTeamAction, deleteTeamAction, renameTeamAction, transferOwnershipAction } from "@/lib/teams/actions";

export function RenameTeamForm({ name }: { name: string }) {
  const { state, pending, onSubmit } = useActionForm(renameTeamAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="min-w-64 flex-1">
        <Field id="team-name" label="Team name" name="name" defaultValue={name} required error={state.fieldErrors?.name} />
      </div>
      <SubmitButton pending={pending} variant="secondary" pendingLabel="Saving…">
        Rename
      </SubmitButton>
      {state.ok ? <Notice tone="success">{state.message}</Notice> : null}
    </form>
  );
}

export function CreateTeamForm() {
  const { state, pending, onSubmit } = useActionForm(createTeamAction);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field id="new-team-name" label="Team name" name="name" required error={state.fieldErrors?.name} />
      {state.message && !state.fieldErrors ? <Notice tone="error">{state.message}</Notice> : null}
      <SubmitButton pending={pending} pendingLabel="Creating…">Create team</SubmitButton>
    </form>
  );
}

export function TransferOwnershipForm({ members }: { members: { userId: string; email: string }[] }) {
  const { state, pending, onSubmit } = useActionForm(transferOwnershipAction);
  if (members.length === 0) return <p className="text-sm text-slate-600">Invite someone first: ownership goes to another member.</p>;
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <SelectField id="transfer-to" label="New owner" name="userId" options={members.map((m) => ({ value: m.userId, label: m.email }))} />
      </div>
      <SubmitButton pending={pending} variant="secondary" pendingLabel="Transferring…">
        Transfer ownership
      </SubmitButton>
      {state.message ? <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice> : null}
    </form>
  );
}

export function DeleteTeamForm({ name }: { name: string }) {
  const { state, pending, onSubmit } = useActionForm(deleteTeamAction);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
      <div className="min-w-64 flex-1">
        <Field
          id="confirm-name"
          label={`Type “${name}” to confirm`}
          name="confirmName"
          autoComplete="off"
          error={state.fieldErrors?.confirmName ?? (state.fieldErrors ? undefined : state.message)}
        />
      </div>
      <SubmitButton pending={pending} variant="danger" pendingLabel="Deleting…">
        Delete team
      </SubmitButton>
    </form>
  );
}
