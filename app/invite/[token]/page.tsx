import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/auth/auth-shell";
import { AcceptInviteForm } from "@/components/teams/accept-invite-form";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/notice";
import { getSessionUser } from "@/lib/auth";
import { loadInvite } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Team invite" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, user] = await Promise.all([loadInvite(token), getSessionUser()]);
  if (!invite?.valid) {
    return (
      <AuthShell title="Invite not valid">
        <Notice tone="error">This invite link has expired, was revoked or was already used. Ask a team admin for a new one.</Notice>
      </AuthShell>
    );
  }
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <AuthShell title={`Join ${invite.teamName}`} subtitle={`You are invited as ${invite.role}. The link expires ${invite.expiresAt.toUTCString()}.`}>
      {user ? (
        <AcceptInviteForm token={token} email={user.email} />
      ) : (
        <div className="flex flex-col gap-3">
          <Link href={`/sign-up?invite=${encodeURIComponent(token)}`} className={buttonClass("primary")}>
            Create an account and join
          </Link>
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className={buttonClass("secondary")}>
            I already have an account
          </Link>
        </div>
      )}
    </AuthShell>
  );
}
