import type { Metadata } from "next";
import Link from "next/link";
import { ConnectionCard } from "@/components/orgs/connection-card";
import { formatUtc } from "@/components/ui/format";
import { can } from "@/lib/auth";
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
    </div>
  );
}
