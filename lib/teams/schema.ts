import { z } from "zod";
import { TEAM_ROLES } from "./roles";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Enter your email address.")
  .max(320, "That email address is too long.")
  .email("Enter a valid email address, like you@example.com.");

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

export const signUpSchema = z.object({
  name: z.string().trim().max(100, "Use at most 100 characters.").optional().default(""),
  email,
  password: z
    .string()
    .min(12, "Use at least 12 characters.")
    .max(1024, "Use at most 1024 characters."),
  teamName: z.string().trim().max(100, "Use at most 100 characters.").optional().default(""),
  inviteToken: z.string().max(200).optional().default(""),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

const teamRoleSchema = z.enum(TEAM_ROLES, { error: "Choose owner, admin, member or viewer." });

export const changeRoleSchema = z.object({ userId: z.string().min(1).max(100), role: teamRoleSchema });

export const memberSchema = z.object({ userId: z.string().min(1).max(100) });

export const createInviteSchema = z.object({
  role: teamRoleSchema.refine((role) => role !== "owner", "Invite as admin, member or viewer; transfer ownership afterwards."),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .email("Enter a valid email address, or leave it empty.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  expiresInDays: z.coerce.number().int().min(1, "From 1 to 30 days.").max(30, "From 1 to 30 days.").default(7),
});

export const teamNameSchema = z.object({ name: z.string().trim().min(1, "Give the team a name.").max(100, "Use at most 100 characters.") });

export const teamIdSchema = z.object({ teamId: z.string().min(1).max(100) });

export const inviteIdSchema = z.object({ inviteId: z.string().min(1).max(100) });
