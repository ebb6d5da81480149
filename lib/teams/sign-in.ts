/** Password sign-in and sign-up, independent of next-auth so they can be tested against a real database. */
import { recordAuditEvent, type RequestMeta } from "../audit";
import { DUMMY_PASSWORD_HASH, hashPassword, sha256, verifyPassword } from "../crypto";
import { AppError } from "../errors";
import { getInviteByTokenHash, getSignInThrottle, getUserByEmail, getUserCredentials, type UserRecord } from "./data";
import { acceptInvite, clearSignInFailures, createUser, createUserWithTeam, recordSignInFailure } from "./mutations";
import { signInSchema, type SignUpInput } from "./schema";

const minutes = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

function lockedError(until: Date, now: Date): AppError {
  const wait = minutes(until, now);
  return new AppError("RATE_LIMITED", `Too many failed sign-ins for this account. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`, {
    retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000),
  });
}

/**
 * Checks an email and password. Failures are counted per account (including unknown emails, so
 * the answer does not reveal which accounts exist) and every attempt is audited.
 */
export async function verifyCredentials(raw: unknown, meta: RequestMeta, now = new Date()): Promise<UserRecord> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "Enter your email and password.");
  const { email, password } = parsed.data;
  const throttle = await getSignInThrottle(email);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await recordAuditEvent({ action: "auth.sign_in_locked", actor: { id: null, email }, meta });
    throw lockedError(throttle.lockedUntil, now);
  }
  const user = await getUserCredentials(email);
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !user.passwordHash || !valid) {
    const { lockedUntil } = await recordSignInFailure(email, now);
    await recordAuditEvent({
      action: "auth.sign_in_failed",
      actor: { id: user?.id ?? null, email },
      details: { reason: user ? "wrong password" : "unknown account" },
      meta,
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw new AppError("UNAUTHENTICATED", "That email and password do not match an account.");
  }
  if (throttle) await clearSignInFailures(email);
  await recordAuditEvent({ action: "auth.sign_in", actor: { id: user.id, email }, details: { method: "password" }, meta });
  const { passwordHash: _ignored, ...record } = user;
  return record;
}

/** Creates an account. Without an invite it also creates the user's first team, with them as owner. */
export async function signUp(input: SignUpInput, meta: RequestMeta): Promise<{ userId: string; teamId: string }> {
  if (await getUserByEmail(input.email)) {
    throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.", {
      fieldErrors: { email: "An account with this email already exists. Sign in instead." },
    });
  }
  const invite = input.inviteToken ? await getInviteByTokenHash(sha256(input.inviteToken)) : null;
  if (input.inviteToken && (!invite || invite.revokedAt || invite.acceptedAt || invite.expiresAt <= new Date())) {
    throw new AppError("NOT_FOUND", "This invite link is no longer valid. Ask a team admin for a new one.");
  }
  const passwordHash = await hashPassword(input.password);
  const name = input.name || null;
  const actor = (id: string) => ({ id, email: input.email });
  if (invite) {
    const userId = await createUser({ email: input.email, name, passwordHash });
    const { teamId, role } = await acceptInvite(invite.id, userId);
    await recordAuditEvent({ action: "auth.sign_up", teamId, actor: actor(userId), meta });
    await recordAuditEvent({ action: "invite.accepted", teamId, actor: actor(userId), target: { type: "invite", id: invite.id }, details: { role }, meta });
    return { userId, teamId };
  }
  const teamName = input.teamName || `${input.name || input.email.split("@")[0]}'s team`;
  const { userId, teamId } = await createUserWithTeam({ email: input.email, name, passwordHash, teamName });
  await recordAuditEvent({ action: "auth.sign_up", teamId, actor: actor(userId), meta });
  await recordAuditEvent({ action: "team.created", teamId, actor: actor(userId), target: { type: "team", id: teamId }, details: { name: teamName }, meta });
  return { userId, teamId };
}
