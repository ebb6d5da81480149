/** Which team a request acts on and with which role, read from the database on every call. */
import { AppError } from "../errors";
import { getMembershipRole, listTeamsOfUser, type UserRecord } from "./data";
import { hasRole, type TeamRole } from "./roles";

export interface MembershipContext {
  user: UserRecord;
  teamId: string;
  role: TeamRole;
}

/**
 * Resolves the membership. An explicit team the user is not in is a 404, so other teams' ids reveal
 * nothing; a role below `minimumRole` is a 403. Without an explicit team, the user's current team is
 * used when they still belong to it, otherwise their first team.
 */
export async function resolveMembership(user: UserRecord, minimumRole: TeamRole, teamId?: string): Promise<MembershipContext> {
  let resolved: { teamId: string; role: TeamRole } | null = null;
  if (teamId) {
    const role = await getMembershipRole(teamId, user.id);
    if (!role) throw new AppError("NOT_FOUND", "Not found.");
    resolved = { teamId, role };
  } else {
    const role = user.currentTeamId ? await getMembershipRole(user.currentTeamId, user.id) : null;
    if (role && user.currentTeamId) resolved = { teamId: user.currentTeamId, role };
    else {
      const first = (await listTeamsOfUser(user.id))[0];
      if (first) resolved = { teamId: first.teamId, role: first.role };
    }
  }
  if (!resolved) throw new AppError("NOT_FOUND", "You are not a member of any team yet. Ask for an invite or create a team.");
  if (!hasRole(resolved.role, minimumRole)) {
    throw new AppError("FORBIDDEN", `This needs the ${minimumRole} role or higher; you are ${articleFor(resolved.role)} ${resolved.role}.`);
  }
  return { user, teamId: resolved.teamId, role: resolved.role };
}

const articleFor = (role: TeamRole) => (role === "owner" || role === "admin" ? "an" : "a");
