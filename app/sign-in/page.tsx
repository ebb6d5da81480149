import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth";
import { listSignInProviders, safeCallbackUrl } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <AuthShell title="Sign in" subtitle="Welcome back to your team's Bulk API console.">
      <SignInForm callbackUrl={callbackUrl} providers={listSignInProviders()} initialError={params.error} />
    </AuthShell>
  );
}
