import Link from "next/link";
import { formatUtc } from "@/components/ui/format";
import { ConnectionActions } from "./connection-actions";

export interface ConnectionSummary {
  id: string;
  label: string;
  method: "oauth" | "soap" | "demo";
  status: "active" | "reconnect_required";
  instanceUrl: string;
  sfOrgId: string | null;
  sfUsername: string | null;
  isSandbox: boolean;
  apiVersion: string;
  lastUsedAt: Date | null;
  lastTestedAt: Date | null;
  lastError: string | null;
  dailyApiMax: number | null;
  dailyApiRemaining: number | null;
}

const METHOD_LABELS = { oauth: "OAuth 2.0", soap: "Username + password (legacy)", demo: "Built-in demo org" } as const;

export function ConnectionCard({ connection, canTest, canManage }: { connection: ConnectionSummary; canTest: boolean; canManage: boolean }) {
  const broken = connection.status === "reconnect_required";
  const used = connection.dailyApiMax !== null && connection.dailyApiRemaining !== null ? connection.dailyApiMax - connection.dailyApiRemaining : null;
  const facts: [string, string][] = [
    ["Org id", connection.sfOrgId ?? "unknown"],
    ["User", connection.sfUsername ?? "unknown"],
    ["Instance", connection.instanceUrl],
    ["Environment", connection.isSandbox ? "Sandbox" : "Production"],
    ["API version", connection.apiVersion],
    ["Connected with", METHOD_LABELS[connection.method]],
    ["Last used", formatUtc(connection.lastUsedAt)],
    ["Daily API usage", used === null ? "not checked yet" : `${used.toLocaleString("en-US")} of ${connection.dailyApiMax!.toLocaleString("en-US")} requests`],
  ];
  return (
    <article aria-labelledby={`org-${connection.id}`} className={`rounded-lg border bg-white p-5 shadow-sm ${broken ? "border-amber-300" : "border-slate-200"}`}>
      <div className="flex flex-wrap items-center gap-3">
        <h3 id={`org-${connection.id}`} className="text-base font-semibold">
          <Link href={`/orgs/${connection.id}`} className="hover:underline">
            {connection.label}
          </Link>
        </h3>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${connection.isSandbox ? "bg-violet-50 text-violet-800" : "bg-sky-50 text-sky-800"}`}>
          {connection.isSandbox ? "Sandbox" : "Production"}
        </span>
        {broken ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Reconnect required</span>
        ) : (
          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800">Connected</span>
        )}
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
        {facts.map(([term, value]) => (
          <div key={term} className="min-w-0">
            <dt className="text-xs uppercase tracking-wide text-slate-500">{term}</dt>
            <dd className="truncate text-slate-900" title={value}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {connection.lastError ? <p className="mt-3 text-sm text-amber-900">Last problem: {connection.lastError}</p> : null}
      <div className="mt-4">
        <ConnectionActions connectionId={connection.id} label={connection.label} canTest={canTest} canManage={canManage} needsReconnect={broken} />
      </div>
    </article>
  );
}
