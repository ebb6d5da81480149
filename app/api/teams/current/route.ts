import { requireMembership } from "@/lib/auth";
import { apiRoute } from "@/lib/http";
import { loadTeamSettings } from "@/lib/teams/loaders";

export const dynamic = "force-dynamic";

/** The caller's current team, their role and the members: what the console shows under Team. */
export const GET = apiRoute(async () => {
  const ctx = await requireMembership("viewer");
  const { team, members } = await loadTeamSettings(ctx);
  return Response.json(
    {
      team: { id: team.id, name: team.name },
      role: ctx.role,
      members: members.map((m) => ({ email: m.email, name: m.name, role: m.role, joinedAt: m.joinedAt.toISOString() })),
    },
    { headers: { "cache-control": "no-store" } },
  );
});
