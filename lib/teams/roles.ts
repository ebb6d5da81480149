/** Team roles and what each may do (the role table). Higher roles include everything below. */

export const TEAM_ROLES = ["owner", "admin", "member", "viewer"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const RANK: Record<TeamRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export type TeamAction =
  | "history.view"
  | "results.download"
  | "orgs.view"
  | "jobs.run"
  | "jobs.abort"
  | "orgs.manage"
  | "members.manage"
  | "invites.manage"
  | "mappings.manage"
  | "jobs.destructive-production"
  | "audit.view"
  | "team.delete"
  | "team.transfer-ownership";

const MINIMUM_ROLE: Record<TeamAction, TeamRole> = {
  "history.view": "viewer",
  "results.download": "viewer",
  "orgs.view": "viewer",
  "jobs.run": "member",
  "jobs.abort": "member",
  "orgs.manage": "admin",
  "members.manage": "admin",
  "invites.manage": "admin",
  "mappings.manage": "admin",
  "jobs.destructive-production": "admin",
  "audit.view": "admin",
  "team.delete": "owner",
  "team.transfer-ownership": "owner",
};

export function hasRole(role: TeamRole, minimum: TeamRole): boolean {
  return RANK[role] >= RANK[minimum];
}

export function can(role: TeamRole, action: TeamAction): boolean {
  return hasRole(role, MINIMUM_ROLE[action]);
}

/** Admins manage members below owner; only owners touch owners or hand out ownership. */
export function canAssignRole(actor: TeamRole, from: TeamRole, to: TeamRole): boolean {
  if (!can(actor, "members.manage")) return false;
  if (actor === "owner") return true;
  return from !== "owner" && to !== "owner";
}

export const ROLE_DESCRIPTIONS: Record<TeamRole, string> = {
  viewer: "Sees job history and org connections, downloads results.",
  member: "Also runs and aborts jobs.",
  admin: "Also manages org connections, members, invites, saved mappings and destructive operations on production orgs.",
  owner: "Also deletes the team and transfers ownership.",
};
