/** Request-facing reads for pages: each checks the session and role itself. */
import { notFound, redirect } from "next/navigation";
import { requireMembership, type MembershipContext } from "../auth";
import { sha256 } from "../crypto";
import { isAppError } from "../errors";
import { resolveMembership } from "./access";
import { oauthProviders } from "./auth-options";
import { getInviteByTokenHash, getTeam, listPendingInvites, listTeamMembers, listTeamsOfUser } from "./data";
import type { TeamRole } from "./roles";

/** Only same-site paths: an open redirect after sign-in would help phishing. */
export function safeCallbackUrl(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/orgs";
}

export function listSignInProviders(): { id: string; name: string }[] {
  return oauthProviders().map((provider) => ({ id: provider.id, name: provider.name }));
}

/**
 * The membership for a page: signed-out visitors go to sign-in and come back, people without a
 * team go to create one. Role checks stay in the page (it shows what the role cannot do).
 */
export async function requirePageMembership(path: string, minimumRole: TeamRole = "viewer"): Promise<MembershipContext> {
  try {
    return await requireMembership(minimumRole);
  } catch (error) {
    if (isAppError(error) && error.code === "UNAUTHENTICATED") redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
    if (isAppError(error) && error.code === "NOT_FOUND") redirect("/teams/new");
    throw error;
  }
}

export async function loadConsoleChrome(ctx: MembershipContext) {
  const [team, teams] = await Promise.all([getTeam(ctx.teamId), listTeamsOfUser(ctx.user.id)]);
  if (!team) notFound();
  return { team, teams };
}

export async function loadTeamSettings(ctx: MembershipContext) {
  const [team, members, invites] = await Promise.all([
    getTeam(ctx.teamId),
    listTeamMembers(ctx.teamId),
    ctx.role === "viewer" || ctx.role === "member" ? Promise.resolve([]) : listPendingInvites(ctx.teamId),
  ]);
  if (!team) notFound();
  return { team, members, invites };
}

export async function loadInvite(token: string) {
  const invite = await getInviteByTokenHash(sha256(token));
  if (!invite) return null;
  const valid = !invite.revokedAt && !invite.acceptedAt && invite.expiresAt > new Date();
  return { valid, teamName: invite.team.name, role: invite.role, expiresAt: invite.expiresAt };
}

/** The current membership for display (layouts), or null: never a substitute for a page's own check. */
export async function resolveCurrentMembership(user: MembershipContext["user"]): Promise<MembershipContext | null> {
  try {
    return await resolveMembership(user, "viewer");
  } catch {
    return null;
  }
}
