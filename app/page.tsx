import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { buttonClass } from "@/components/ui/button-class";
import { getSessionUser } from "@/lib/auth";
import { checkHealth } from "@/lib/health/check";

export const dynamic = "force-dynamic";

const FEATURES = [
  { title: "Connect your orgs", body: "Production and sandbox orgs over OAuth, or the built-in demo org to try everything at once." },
  { title: "Load any CSV", body: "Insert, update, upsert, delete, hardDelete, query and queryAll with Bulk API 2.0 or v1." },
  { title: "Watch every batch", body: "Durable jobs that survive restarts, with every row's result kept for the whole team." },
];

export default async function HomePage() {
  const health = await checkHealth();
  const user = health.database === "up" ? await getSessionUser().catch(() => null) : null;
  return (
    <main className="mx-auto max-w-4xl px-6 py-16">
      <header className="flex items-start justify-between gap-6">
        <div>
          <h1 className="text-4xl font-semibold tracking-tight">Bulk Console</h1>
          <p className="mt-3 max-w-2xl text-lg text-slate-600">
            A team console for the Salesforce Bulk API: upload CSV files, run bulk jobs, watch every batch and share
            one job history across your team.
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-2">
          <StatusBadge label="Database" state={health.database} />
          {health.emulator !== "off" && <StatusBadge label="Demo org" state={health.emulator} />}
        </div>
      </header>
      <nav aria-label="Get started" className="mt-8 flex flex-wrap gap-3">
        {user ? (
          <Link href="/orgs" className={buttonClass("primary")}>
            Open your team&apos;s console
          </Link>
        ) : (
          <>
            <Link href="/sign-up" className={buttonClass("primary")}>
              Create an account
            </Link>
            <Link href="/sign-in" className={buttonClass("secondary")}>
              Sign in
            </Link>
          </>
        )}
      </nav>
      <section aria-label="What you can do" className="mt-12 grid gap-4 sm:grid-cols-3">
        {FEATURES.map((feature) => (
          <article key={feature.title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="font-medium">{feature.title}</h2>
            <p className="mt-2 text-sm text-slate-600">{feature.body}</p>
          </article>
        ))}
      </section>
      <footer className="mt-12 text-sm text-slate-500">Version {health.version}</footer>
    </main>
  );
}
