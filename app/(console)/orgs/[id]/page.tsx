import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ExternalJobs } from "@/components/jobs/external-jobs";
import { Card } from "@/components/ui/notice";
import { ConnectionCard } from "@/components/orgs/connection-card";
import { formatUtc } from "@/components/ui/format";
import { can, type MembershipContext } from "@/lib/auth";
import { loadExternalJobs } from "@/lib/bulk-jobs/attach";
import { isAppError } from "@/lib/errors";
import { getLogger } from "@/lib/logger";
import { loadOrgConnection } from "@/lib/orgs/loaders";
import { requirePageMembership } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Org connection" };
export const dynamic = "force-dynamic";

export default async function OrgPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageMembership(`/orgs/${id}`);
  const connection = await loadOrgConnection(ctx, id);
  return (
    <div className="space-y-6">
      <Link href="/orgs" className="text-sm text-brand-700 underline">
        ← All org connections
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{connection.label}</h1>
      <ConnectionCard connection={connection} canTest={can(ctx.role, "jobs.run")} canManage={can(ctx.role, "orgs.manage")} />
      <p className="text-sm text-slate-600">
        Connected {formatUtc(connection.createdAt)}
        {connection.createdBy ? ` by ${connection.createdBy.email}` : ""} · last tested {formatUtc(connection.lastTestedAt)} · login host{" "}
        {new URL(connection.loginUrl).host}
      </p>
      <Card title="Recent Bulk jobs at Salesforce" description="Jobs of this org made by any tool (Data Loader, scripts, this app). Attach one to watch it here and keep its results.">
        <Suspense fallback={<p className="text-sm text-slate-600">Asking Salesforce for its job list…</p>}>
          <ExternalJobsSection ctx={ctx} orgConnectionId={connection.id} />
        </Suspense>
      </Card>
    </div>
  );
}

/** Streams in after the rest of the page: it waits for Salesforce. */
async function ExternalJobsSection({ ctx, orgConnectionId }: { ctx: MembershipContext; orgConnectionId: string }) {
  const loaded = await loadExternalJobs(ctx, orgConnectionId).then(
    (jobs) => ({ jobs, message: null }),
    (error: unknown) => {
      if (!isAppError(error)) getLogger().error({ err: error, orgConnectionId }, "could not list the org's Bulk jobs");
      return { jobs: [], message: isAppError(error) ? error.message : "Salesforce's job list could not be read right now; try again in a moment." };
    },
  );
  if (loaded.message) return <p className="text-sm text-red-700">{loaded.message}</p>;
  return <ExternalJobs orgConnectionId={orgConnectionId} jobs={loaded.jobs} canAttach={can(ctx.role, "jobs.run")} />;
}
