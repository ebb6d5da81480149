import type { Metadata } from "next";
import { ConnectPanel } from "@/components/orgs/connect-panel";
import { ConnectionCard } from "@/components/orgs/connection-card";
import { Notice } from "@/components/ui/notice";
import { loadOrgConnections } from "@/lib/orgs/loaders";
import { requirePageMembership } from "@/lib/teams/loaders";

export const metadata: Metadata = { title: "Org connections" };
export const dynamic = "force-dynamic";

const FLASH: Record<string, { tone: "success" | "warning" | "error"; text: string }> = {
  connected: { tone: "success", text: "Org connected." },
  reconnected: { tone: "success", text: "Org reconnected." },
  disconnected: { tone: "success", text: "Org disconnected and its token revoked at Salesforce." },
  unrevoked: { tone: "warning", text: "Org disconnected, but Salesforce could not be reached to revoke its token. Revoke it under Connected Apps OAuth Usage in Salesforce Setup." },
};

export default async function OrgsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageMembership("/orgs");
  const view = await loadOrgConnections(ctx);
  const params = await searchParams;
  const flashKey = params.disconnected === "unrevoked" ? "unrevoked" : ["connected", "reconnected", "disconnected"].find((key) => params[key]);
  const flash = flashKey ? FLASH[flashKey] : params.error ? { tone: "error" as const, text: params.error.slice(0, 300) } : null;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Org connections</h1>
        <p className="mt-1 text-sm text-slate-600">The Salesforce orgs your team loads data into. Tokens are encrypted at rest and never reach the browser.</p>
      </div>
      {flash ? <Notice tone={flash.tone}>{flash.text}</Notice> : null}
      <section aria-label="Connected orgs" className="space-y-4">
        {view.connections.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
            No org connected yet.{view.canManage ? " Connect one below." : " Ask an admin of your team to connect one."}
          </p>
        ) : (
          view.connections.map((connection) => (
            <ConnectionCard key={connection.id} connection={connection} canTest={view.canTest} canManage={view.canManage} />
          ))
        )}
      </section>
      {view.canManage ? (
        <section aria-labelledby="connect-heading" className="space-y-4">
          <h2 id="connect-heading" className="text-lg font-semibold">
            Connect an org
          </h2>
          <ConnectPanel emulatorEnabled={view.emulatorEnabled} instanceClientConfigured={view.instanceClientConfigured} />
        </section>
      ) : (
        <p className="text-sm text-slate-600">Only admins and owners connect or disconnect orgs. You are {ctx.role === "admin" || ctx.role === "owner" ? "an" : "a"} {ctx.role}.</p>
      )}
    </div>
  );
}
