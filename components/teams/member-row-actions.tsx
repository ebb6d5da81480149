"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { changeRoleAction, removeMemberAction } from "@/lib/teams/actions";

const ROLE_OPTIONS = ["owner", "admin", "member", "viewer"].map((role) => ({ value: role, label: role[0].toUpperCase() + role.slice(1) }));

export function MemberRoleForm({ userId, email, role, assignable }: { userId: string; email: string; role: string; assignable: string[] }) {
  const [state, action] = useActionState(changeRoleAction, {});
  return (
    <form action={action} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="userId" value={userId} />
      <SelectField
        id={`role-${userId}`}
        label={`Role of ${email}`}
        srOnlyLabel
        name="role"
        defaultValue={role}
        options={ROLE_OPTIONS.filter((option) => assignable.includes(option.value) || option.value === role)}
        error={state.ok ? undefined : (state.fieldErrors?.role ?? state.message)}
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…" aria-label={`Save role of ${email}`} className="mt-1">
        Save
      </SubmitButton>
      {state.ok ? (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

export function RemoveMemberForm({ userId, email, self }: { userId: string; email: string; self: boolean }) {
  const [state, action] = useActionState(removeMemberAction, {});
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(self ? "Leave this team?" : `Remove ${email} from the team?`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton variant="danger" pendingLabel="Removing…" aria-label={self ? "Leave team" : `Remove ${email}`}>
        {self ? "Leave" : "Remove"}
      </SubmitButton>
      {state.message && !state.ok ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
