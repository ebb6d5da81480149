"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

interface SignInFormProps {
  callbackUrl: string;
  providers: { id: string; name: string }[];
  initialError?: string;
}

const PROVIDER_ERRORS: Record<string, string> = {
  OAuthAccountNotLinked: "An account with this email already exists. Sign in with your password.",
  OAuthNoEmail: "That provider did not share an email address, which Bulk Console needs.",
  SessionRequired: "Sign in to continue.",
};

export function SignInForm({ callbackUrl, providers, initialError }: SignInFormProps) {
  const router = useRouter();
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>(
    initialError ? { form: PROVIDER_ERRORS[initialError] ?? "Sign-in failed. Try again." } : {},
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const next: typeof errors = {};
    if (!email) next.email = "Enter your email address.";
    if (!password) next.password = "Enter your password.";
    setErrors(next);
    if (next.email || next.password) return;
    setPending(true);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      const message = result?.error && result.error !== "CredentialsSignin" ? result.error : "That email and password do not match an account.";
      setErrors({ password: message });
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <button type="submit" disabled={pending} className={`${buttonClass("primary")} w-full`}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {providers.length > 0 ? (
        <div className="space-y-2">
          <p className="text-center text-xs uppercase tracking-wide text-slate-500">or</p>
          {providers.map((provider) => (
            <button key={provider.id} type="button" onClick={() => void signIn(provider.id, { callbackUrl })} className={`${buttonClass("secondary")} w-full`}>
              Continue with {provider.name}
            </button>
          ))}
        </div>
      ) : null}
      <p className="text-center text-sm text-slate-600">
        New here?{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
