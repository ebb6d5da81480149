import type { Metadata } from "next";
import Link from "next/link";
import { NewJobWizard } from "@/components/jobs/wizard/new-job-wizard";
import { can } from "@/lib/auth";
import { loadOrgConnections } from "@/lib/orgs/loaders";
import { requirePageMembership } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "New bulk job" };
export const dynamic = "force-dynamic";

export default async function NewJobPage() {
  const ctx = await requirePageMembership("/jobs/new", "member");
  const { connections } = await loadOrgConnections(ctx);
  const usable = connections.filter((c) => c.status !== "reconnect_required");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New bulk job</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your file is read and checked in this browser, then uploaded in parts of at most 4 MB; the job runs on the server, even with this page closed.
        </p>
      </div>
      {usable.length === 0 ? (
        <p className="text-sm text-slate-600">
          {connections.length ? "Every org connection needs reconnecting. " : "No org connected yet. "}
          <Link href="/orgs" className="text-brand-700 underline">
            {connections.length ? "Reconnect one first." : "Connect one first."}
          </Link>
        </p>
      ) : (
        <NewJobWizard connections={usable.map((c) => ({ id: c.id, label: c.label, isSandbox: c.isSandbox }))} canHardDelete={can(ctx.role, "jobs.destructive-production")} />
      )}
    </div>
  );
}
