"use server";
/** Team and account server actions: each authorizes itself, validates with zod, then calls mutations. */
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { recordAuditEvent, currentRequestMeta } from "../audit";
import { requireMembership, requireUser } from "../auth";
import { randomToken, sha256 } from "../crypto";
import { AppError } from "../errors";
import { appOrigin } from "../http";
import { getInviteByTokenHash, getMembershipRole, getTeam, getUserById } from "./data";
import { formAction, formObject, type FormState } from "./form-state";
import {
  acceptInvite,
  bumpSessionVersion,
  createInvite,
  createTeam,
  deleteTeam,
  removeMember,
  renameTeam,
  revokeInvite,
  setCurrentTeam,
  transferOwnership,
  updateMemberRole,
} from "./mutations";
import { canAssignRole } from "./roles";
import { changeRoleSchema, createInviteSchema, inviteIdSchema, memberSchema, signUpSchema, teamIdSchema, teamNameSchema } from "./schema";
import { signUp } from "./sign-in";

const actor = (user: { id: string; email: string }) => ({ id: user.id, email: user.email });

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const input = signUpSchema.parse(formObject(formData));
    await signUp(input, await currentRequestMeta());
    return { ok: true, message: "Account created." };
  });
}

export async function switchTeamAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const { teamId } = teamIdSchema.parse(formObject(formData));
  if (!(await getMembershipRole(teamId, user.id))) throw new AppError("NOT_FOUND", "Not found.");
  await setCurrentTeam(user.id, teamId);
  revalidatePath("/", "layout");
  redirect("/orgs");
}

export async function createTeamAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireUser();
    const { name } = teamNameSchema.parse(formObject(formData));
    const teamId = await createTeam(user.id, name);
    await recordAuditEvent({ action: "team.created", teamId, actor: actor(user), target: { type: "team", id: teamId }, details: { name }, meta: await currentRequestMeta() });
    revalidatePath("/", "layout");
    redirect("/team");
  });
}

export async function renameTeamAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    const { name } = teamNameSchema.parse(formObject(formData));
    await renameTeam(ctx.teamId, name);
    await recordAuditEvent({ action: "team.renamed", teamId: ctx.teamId, actor: actor(ctx.user), details: { name }, meta: await currentRequestMeta() });
    revalidatePath("/", "layout");
    return { ok: true, message: "Team renamed." };
  });
}

export async function changeRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    const { userId, role } = changeRoleSchema.parse(formObject(formData));
    const current = await getMembershipRole(ctx.teamId, userId);
    if (!current) throw new AppError("NOT_FOUND", "That person is not a member of this team.");
    if (!canAssignRole(ctx.role, current, role)) throw new AppError("FORBIDDEN", "Only an owner can change an owner's role or make someone owner.");
    const previous = await updateMemberRole(ctx.teamId, userId, role);
    const target = await getUserById(userId);
    await recordAuditEvent({
      action: "member.role_changed",
      teamId: ctx.teamId,
      actor: actor(ctx.user),
      target: { type: "user", id: userId },
      details: { member: target?.email ?? userId, from: previous, to: role },
      meta: await currentRequestMeta(),
    });
    revalidatePath("/team");
    return { ok: true, message: `${target?.email ?? "Member"} is now ${role}.` };
  });
}

export async function removeMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const { userId } = memberSchema.parse(formObject(formData));
    const self = await requireUser();
    // Anyone may leave a team; removing someone else needs admin (and owner to remove an owner).
    const ctx = await requireMembership(self.id === userId ? "viewer" : "admin");
    const current = await getMembershipRole(ctx.teamId, userId);
    if (!current) throw new AppError("NOT_FOUND", "That person is not a member of this team.");
    if (self.id !== userId && current === "owner" && ctx.role !== "owner") throw new AppError("FORBIDDEN", "Only an owner can remove an owner.");
    const target = await getUserById(userId);
    await removeMember(ctx.teamId, userId);
    await recordAuditEvent({
      action: "member.removed",
      teamId: ctx.teamId,
      actor: actor(ctx.user),
      target: { type: "user", id: userId },
      details: { member: target?.email ?? userId, role: current },
      meta: await currentRequestMeta(),
    });
    revalidatePath("/team");
    if (self.id === userId) redirect("/");
    return { ok: true, message: `${target?.email ?? "Member"} was removed.` };
  });
}

export async function createInviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    const input = createInviteSchema.parse(formObject(formData));
    const token = randomToken(32);
    const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
    const inviteId = await createInvite({ teamId: ctx.teamId, role: input.role, email: input.email ?? null, tokenHash: sha256(token), expiresAt, createdById: ctx.user.id });
    await recordAuditEvent({
      action: "invite.created",
      teamId: ctx.teamId,
      actor: actor(ctx.user),
      target: { type: "invite", id: inviteId },
      details: { role: input.role, email: input.email ?? null, expiresAt: expiresAt.toISOString() },
      meta: await currentRequestMeta(),
    });
    revalidatePath("/team");
    return { ok: true, message: `Invite link for a ${input.role}, valid ${input.expiresInDays} day(s). Copy it now: it is shown only once.`, result: `${appOrigin(await headers())}/invite/${token}` };
  });
}

export async function revokeInviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("admin");
    const { inviteId } = inviteIdSchema.parse(formObject(formData));
    if (!(await revokeInvite(ctx.teamId, inviteId))) throw new AppError("NOT_FOUND", "That invite is not pending any more.");
    await recordAuditEvent({ action: "invite.revoked", teamId: ctx.teamId, actor: actor(ctx.user), target: { type: "invite", id: inviteId }, meta: await currentRequestMeta() });
    revalidatePath("/team");
    return { ok: true, message: "Invite revoked." };
  });
}

export async function acceptInviteAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const user = await requireUser();
    const token = String(formData.get("token") ?? "");
    const invite = token ? await getInviteByTokenHash(sha256(token)) : null;
    if (!invite) throw new AppError("NOT_FOUND", "This invite link is no longer valid. Ask a team admin for a new one.");
    const { teamId, role } = await acceptInvite(invite.id, user.id);
    await recordAuditEvent({ action: "invite.accepted", teamId, actor: actor(user), target: { type: "invite", id: invite.id }, details: { role }, meta: await currentRequestMeta() });
    revalidatePath("/", "layout");
    redirect("/orgs");
  });
}

export async function transferOwnershipAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("owner");
    const { userId } = memberSchema.parse(formObject(formData));
    await transferOwnership(ctx.teamId, ctx.user.id, userId);
    const target = await getUserById(userId);
    await recordAuditEvent({
      action: "team.ownership_transferred",
      teamId: ctx.teamId,
      actor: actor(ctx.user),
      target: { type: "user", id: userId },
      details: { to: target?.email ?? userId },
      meta: await currentRequestMeta(),
    });
    revalidatePath("/team");
    return { ok: true, message: `${target?.email ?? "The member"} is now the owner; you are an admin.` };
  });
}

export async function deleteTeamAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return formAction(async () => {
    const ctx = await requireMembership("owner");
    const { name } = teamNameSchema.parse({ name: formData.get("confirmName") });
    const team = await getTeam(ctx.teamId);
    if (!team || team.name !== name) {
      throw new AppError("VALIDATION", "Type the team's name exactly to confirm.", { fieldErrors: { confirmName: "Type the team's name exactly to confirm." } });
    }
    await recordAuditEvent({ action: "team.deleted", teamId: ctx.teamId, actor: actor(ctx.user), details: { name: team.name }, meta: await currentRequestMeta() });
    await deleteTeam(ctx.teamId);
    revalidatePath("/", "layout");
    redirect("/");
  });
}

/** Invalidates every session of the caller (all devices); the browser then signs out locally. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  await bumpSessionVersion(user.id);
  await recordAuditEvent({ action: "auth.sign_out_everywhere", actor: actor(user), meta: await currentRequestMeta() });
}
