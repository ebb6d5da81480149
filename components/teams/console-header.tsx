import Link from "next/link";
import { SignOutButtons } from "@/components/auth/sign-out-buttons";
import { TeamSwitcher } from "@/components/teams/team-switcher";

interface ConsoleHeaderProps {
  email: string;
  role: string;
  teamId: string;
  teams: { teamId: string; teamName: string; role: string }[];
  showAudit: boolean;
}

export function ConsoleHeader({ email, role, teamId, teams, showAudit }: ConsoleHeaderProps) {
  const links = [
    { href: "/orgs", label: "Org connections" },
    { href: "/team", label: "Team" },
    ...(showAudit ? [{ href: "/audit", label: "Audit log" }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="text-base font-semibold tracking-tight text-brand-700">
          Bulk Console
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-1">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <TeamSwitcher teamId={teamId} teams={teams} />
          <span className="hidden text-sm text-slate-600 md:inline" data-testid="current-user">
            {email} · <span className="font-medium">{role}</span>
          </span>
          <SignOutButtons />
        </div>
      </div>
    </header>
  );
}
