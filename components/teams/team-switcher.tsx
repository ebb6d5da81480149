import { switchTeamAction } from "@/lib/teams/actions";
import { SubmitButton } from "@/components/ui/button";

/** A plain form, so it works with the keyboard and without JavaScript. */
export function TeamSwitcher({ teamId, teams }: { teamId: string; teams: { teamId: string; teamName: string; role: string }[] }) {
  if (teams.length < 2) {
    return <span className="text-sm font-medium text-slate-800">{teams[0]?.teamName}</span>;
  }
  return (
    <form action={switchTeamAction} className="flex items-center gap-2">
      <label htmlFor="team-switcher" className="sr-only">
        Current team
      </label>
      <select id="team-switcher" name="teamId" defaultValue={teamId} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
        {teams.map((team) => (
          <option key={team.teamId} value={team.teamId}>
            {team.teamName} ({team.role})
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" className="py-1.5">
        Switch
      </SubmitButton>
    </form>
  );
}
