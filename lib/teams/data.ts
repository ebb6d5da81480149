/** Reads for users, teams, memberships and invites. Callers pass ids they already authorized. */
import { getDb } from "../db";
import type { TeamRole } from "./roles";

export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
  sessionVersion: number;
  currentTeamId: string | null;
}

const USER_FIELDS = { id: true, email: true, name: true, sessionVersion: true, currentTeamId: true } as const;

export function getUserById(id: string): Promise<UserRecord | null> {
  return getDb().user.findUnique({ where: { id }, select: USER_FIELDS });
}

export function getUserCredentials(email: string) {
  return getDb().user.findUnique({ where: { email }, select: { ...USER_FIELDS, passwordHash: true } });
}

export function getUserByEmail(email: string): Promise<UserRecord | null> {
  return getDb().user.findUnique({ where: { email }, select: USER_FIELDS });
}

export async function getUserIdByAccount(provider: string, providerAccountId: string): Promise<string | null> {
  const account = await getDb().userAccount.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  return account?.userId ?? null;
}

export async function getMembershipRole(teamId: string, userId: string): Promise<TeamRole | null> {
  const membership = await getDb().membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

export interface UserTeam {
  teamId: string;
  teamName: string;
  role: TeamRole;
}

export async function listTeamsOfUser(userId: string): Promise<UserTeam[]> {
  const rows = await getDb().membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { teamId: true, role: true, team: { select: { name: true } } },
  });
  return rows.map((row) => ({ teamId: row.teamId, teamName: row.team.name, role: row.role }));
}

export function getTeam(teamId: string) {
  return getDb().team.findUnique({ where: { id: teamId }, select: { id: true, name: true, createdAt: true } });
}

export interface TeamMember {
  userId: string;
  email: string;
  name: string | null;
  role: TeamRole;
  joinedAt: Date;
}

export async function listTeamMembers(teamId: string): Promise<TeamMember[]> {
  const rows = await getDb().membership.findMany({
    where: { teamId },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  return rows.map((row) => ({ userId: row.user.id, email: row.user.email, name: row.user.name, role: row.role, joinedAt: row.createdAt }));
}

export function countOwners(teamId: string): Promise<number> {
  return getDb().membership.count({ where: { teamId, role: "owner" } });
}

export function listPendingInvites(teamId: string, now = new Date()) {
  return getDb().invite.findMany({
    where: { teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, role: true, email: true, expiresAt: true, createdAt: true, createdBy: { select: { email: true } } },
  });
}

export function getInviteByTokenHash(tokenHash: string) {
  return getDb().invite.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      teamId: true,
      role: true,
      email: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      team: { select: { name: true } },
    },
  });
}

export function getSignInThrottle(email: string) {
  return getDb().signInThrottle.findUnique({ where: { email }, select: { failures: true, lockedUntil: true } });
}
