import type { Metadata } from "next";
import Link from "next/link";
import { NewJobForm } from "@/components/jobs/new-job-form";
import { can } from "@/lib/auth";
import { loadOrgConnections } from "@/lib/orgs/loaders";
import { requirePageMembership } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "New bulk job" };
export const dynamic = "force-dynamic";

export default async function NewJobPage() {
  const ctx = await requirePageMembership("/jobs/new", "member");
  const { connections } = await loadOrgConnections(ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New bulk job</h1>
        <p className="mt-1 text-sm text-slate-600">The file is uploaded in parts of at most 4 MB, then the job runs on the server, even with this page closed.</p>
      </div>
      {connections.length === 0 ? (
        <p className="text-sm text-slate-600">
          No org connected yet. <Link href="/orgs" className="text-brand-700 underline">Connect one first.</Link>
        </p>
      ) : (
        <NewJobForm connections={connections.map((c) => ({ id: c.id, label: c.label }))} canHardDelete={can(ctx.role, "jobs.destructive-production")} />
      )}
    </div>
  );
}
