import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSessionUser } from "@/lib/auth";
import { loadInvite } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { invite: token } = await searchParams;
  if (await getSessionUser()) redirect(token ? `/invite/${encodeURIComponent(token)}` : "/orgs");
  const invite = token ? await loadInvite(token) : null;
  return (
    <AuthShell
      title="Create your account"
      subtitle={invite?.valid ? `You were invited to ${invite.teamName} as ${invite.role}.` : "Your first sign-up creates your team; invite the others next."}
    >
      <SignUpForm inviteToken={invite?.valid ? token : undefined} teamName={invite?.teamName} />
    </AuthShell>
  );
}
