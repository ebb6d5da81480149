import Link from "next/link";
import type { ReactNode } from "react";
import { ConsoleHeader } from "@/components/teams/console-header";
import { getSessionUser, can } from "@/lib/auth";
import { loadConsoleChrome, resolveCurrentMembership } from "@/lib/teams/loaders";

// The header only: every page below checks the session and role itself.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  const ctx = user ? await resolveCurrentMembership(user) : null;
  const chrome = ctx ? await loadConsoleChrome(ctx) : null;
  return (
    <>
      {ctx && chrome ? (
        <ConsoleHeader email={ctx.user.email} role={ctx.role} teamId={ctx.teamId} teams={chrome.teams} showAudit={can(ctx.role, "audit.view")} />
      ) : null}
      {ctx ? (
        <nav aria-label="Jobs" className="mx-auto max-w-6xl px-4 pt-4 sm:px-6">
          <Link href="/jobs" className="text-sm font-medium text-brand-700 hover:underline">
            Jobs
          </Link>
        </nav>
      ) : null}
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
