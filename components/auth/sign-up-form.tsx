"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { signUpAction } from "@/lib/teams/actions";
import type { FormState } from "@/lib/teams/form-state";

export function SignUpForm({ inviteToken, teamName }: { inviteToken?: string; teamName?: string }) {
  const router = useRouter();
  const [state, setState] = useState<FormState>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    const result = await signUpAction({}, data);
    if (!result.ok) {
      setPending(false);
      setState(result);
      return;
    }
    const signedIn = await signIn("credentials", { email: String(data.get("email")), password: String(data.get("password")), redirect: false });
    if (!signedIn || signedIn.error) {
      setPending(false);
      setState({ message: "Your account was created, but signing in failed. Sign in with your new password." });
      return;
    }
    router.push("/orgs");
    router.refresh();
  }

  const errors = state.fieldErrors ?? {};
  const formError = state.message && !Object.keys(errors).length ? state.message : undefined;
  return (
    <div className="space-y-6">
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
        {inviteToken ? <input type="hidden" name="inviteToken" value={inviteToken} /> : null}
        <Field label="Your name" name="name" autoComplete="name" error={errors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters." error={errors.password} />
        {inviteToken ? (
          <p className="text-sm text-slate-600">You will join {teamName ? <strong>{teamName}</strong> : "the team that invited you"}.</p>
        ) : (
          <Field label="Team name" name="teamName" autoComplete="organization" hint="Optional: you can rename it later." error={errors.teamName} />
        )}
        <button type="submit" disabled={pending} className={`${buttonClass("primary")} w-full`}>
          {pending ? "Creating your account…" : "Create account"}
        </button>
      </form>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={inviteToken ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${inviteToken}`)}` : "/sign-in"} className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
