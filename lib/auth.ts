/**
 * The request's identity: who is signed in, and in which team with which role. Every page, route
 * handler and server action calls these itself; nothing relies on middleware or layouts.
 */
import { getServerSession, type NextAuthOptions } from "next-auth";
import { cache } from "react";
import { AppError } from "./errors";
import { resolveMembership, type MembershipContext } from "./teams/access";
import { buildAuthOptions } from "./teams/auth-options";
import { getUserById, type UserRecord } from "./teams/data";
import type { TeamRole } from "./teams/roles";

export { can, type TeamRole } from "./teams/roles";
export type { MembershipContext } from "./teams/access";

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  options ??= buildAuthOptions();
  return options;
}

interface SessionClaims {
  uid?: string;
  sv?: number;
}

/** The signed-in user, or null. A JWT whose session version is stale ("signed out everywhere") counts as signed out. */
export const getSessionUser = cache(async (): Promise<UserRecord | null> => {
  const session = (await getServerSession(getAuthOptions())) as SessionClaims | null;
  if (!session?.uid) return null;
  const user = await getUserById(session.uid);
  if (!user || user.sessionVersion !== session.sv) return null;
  return user;
});

export async function requireUser(): Promise<UserRecord> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}

/**
 * The caller's membership in `teamId` (or their current team), read from the database on every call:
 * 401 without a session, 404 for a team they are not in, 403 below `minimumRole`.
 */
export async function requireMembership(minimumRole: TeamRole = "viewer", teamId?: string): Promise<MembershipContext> {
  return resolveMembership(await requireUser(), minimumRole, teamId);
}
