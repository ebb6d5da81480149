/** Writes for users, teams, memberships and invites. Authorization happens before these are called. */
import { AppError } from "../errors";
import { getDb } from "../db";
import type { TeamRole } from "./roles";

export async function createUserWithTeam(input: {
  email: string;
  name: string | null;
  passwordHash: string | null;
  teamName: string;
}): Promise<{ userId: string; teamId: string }> {
  return getDb().$transaction(async (tx) => {
    const team = await tx.team.create({ data: { name: input.teamName }, select: { id: true } });
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash: input.passwordHash, currentTeamId: team.id },
      select: { id: true },
    });
    await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: "owner" } });
    return { userId: user.id, teamId: team.id };
  });
}

/** A user who arrives through an invite joins that team and gets no team of their own. */
export async function createUser(input: { email: string; name: string | null; passwordHash: string | null }): Promise<string> {
  const user = await getDb().user.create({ data: input, select: { id: true } });
  return user.id;
}

export async function createTeam(userId: string, name: string): Promise<string> {
  return getDb().$transaction(async (tx) => {
    const team = await tx.team.create({ data: { name }, select: { id: true } });
    await tx.membership.create({ data: { teamId: team.id, userId, role: "owner" } });
    await tx.user.update({ where: { id: userId }, data: { currentTeamId: team.id } });
    return team.id;
  });
}

export async function linkAccount(userId: string, provider: string, providerAccountId: string): Promise<void> {
  await getDb().userAccount.create({ data: { userId, provider, providerAccountId } });
}

export async function bumpSessionVersion(userId: string): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export async function setCurrentTeam(userId: string, teamId: string): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { currentTeamId: teamId } });
}

export async function renameTeam(teamId: string, name: string): Promise<void> {
  await getDb().team.update({ where: { id: teamId }, data: { name } });
}

/** Changes a role; the last owner can never be demoted, so a team always has one. */
export async function updateMemberRole(teamId: string, userId: string, role: TeamRole): Promise<TeamRole> {
  return getDb().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ role: TeamRole }[]>`
      SELECT role::text AS role FROM memberships WHERE team_id = ${teamId} AND user_id = ${userId} FOR UPDATE`;
    if (rows.length === 0) throw new AppError("NOT_FOUND", "That person is not a member of this team.");
    const previous = rows[0].role;
    if (previous === "owner" && role !== "owner") await assertAnotherOwner(tx, teamId);
    await tx.membership.update({ where: { teamId_userId: { teamId, userId } }, data: { role } });
    return previous;
  });
}

export async function removeMember(teamId: string, userId: string): Promise<TeamRole> {
  return getDb().$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } });
    if (!membership) throw new AppError("NOT_FOUND", "That person is not a member of this team.");
    if (membership.role === "owner") await assertAnotherOwner(tx, teamId);
    await tx.membership.delete({ where: { teamId_userId: { teamId, userId } } });
    await tx.user.updateMany({ where: { id: userId, currentTeamId: teamId }, data: { currentTeamId: null } });
    return membership.role;
  });
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

async function assertAnotherOwner(tx: Tx, teamId: string): Promise<void> {
  // Lock the owners so two concurrent demotions cannot both pass the check.
  const owners = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM memberships WHERE team_id = ${teamId} AND role = 'owner' FOR UPDATE`;
  if (owners.length <= 1) {
    throw new AppError("CONFLICT", "A team needs at least one owner: make someone else owner first.");
  }
}

export async function transferOwnership(teamId: string, fromUserId: string, toUserId: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId: toUserId } }, select: { id: true } });
    if (!target) throw new AppError("NOT_FOUND", "That person is not a member of this team.");
    await tx.membership.update({ where: { teamId_userId: { teamId, userId: toUserId } }, data: { role: "owner" } });
    if (fromUserId !== toUserId) {
      await tx.membership.update({ where: { teamId_userId: { teamId, userId: fromUserId } }, data: { role: "admin" } });
    }
  });
}

export async function deleteTeam(teamId: string): Promise<void> {
  await getDb().team.delete({ where: { id: teamId } });
}

export async function createInvite(input: {
  teamId: string;
  role: TeamRole;
  email: string | null;
  tokenHash: string;
  expiresAt: Date;
  createdById: string;
}): Promise<string> {
  const invite = await getDb().invite.create({ data: input, select: { id: true } });
  return invite.id;
}

export async function revokeInvite(teamId: string, inviteId: string): Promise<boolean> {
  const result = await getDb().invite.updateMany({
    where: { id: inviteId, teamId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count === 1;
}

/**
 * Accepts an invite once: the row is claimed under a lock, and a user already in the team keeps
 * the higher of their roles rather than being silently demoted.
 */
export async function acceptInvite(inviteId: string, userId: string, now = new Date()): Promise<{ teamId: string; role: TeamRole }> {
  return getDb().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ team_id: string; role: TeamRole; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null }[]>`
      SELECT team_id, role::text AS role, expires_at, accepted_at, revoked_at FROM invites WHERE id = ${inviteId} FOR UPDATE`;
    const invite = rows[0];
    if (!invite || invite.revoked_at || invite.accepted_at || invite.expires_at <= now) {
      throw new AppError("NOT_FOUND", "This invite link is no longer valid. Ask a team admin for a new one.");
    }
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: invite.team_id, userId } }, select: { role: true } });
    if (!existing) await tx.membership.create({ data: { teamId: invite.team_id, userId, role: invite.role } });
    await tx.invite.update({ where: { id: inviteId }, data: { acceptedAt: now, acceptedById: userId } });
    await tx.user.update({ where: { id: userId }, data: { currentTeamId: invite.team_id } });
    return { teamId: invite.team_id, role: existing?.role ?? invite.role };
  });
}

const LOCK_AFTER_FAILURES = 5;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;

/** Counts a failed sign-in; from the 5th in a row the account locks for 30 s, doubling up to 15 min. */
export async function recordSignInFailure(email: string, now = new Date()): Promise<{ failures: number; lockedUntil: Date | null }> {
  const rows = await getDb().$queryRaw<{ failures: number }[]>`
    INSERT INTO sign_in_throttles (email, failures, updated_at) VALUES (${email}, 1, ${now})
    ON CONFLICT (email) DO UPDATE SET failures = sign_in_throttles.failures + 1, updated_at = ${now}
    RETURNING failures`;
  const failures = rows[0].failures;
  if (failures < LOCK_AFTER_FAILURES) return { failures, lockedUntil: null };
  const seconds = Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (failures - LOCK_AFTER_FAILURES));
  const lockedUntil = new Date(now.getTime() + seconds * 1000);
  await getDb().signInThrottle.update({ where: { email }, data: { lockedUntil } });
  return { failures, lockedUntil };
}

export async function clearSignInFailures(email: string): Promise<void> {
  await getDb().signInThrottle.deleteMany({ where: { email } });
}
