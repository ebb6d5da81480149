import { describe, expect, it } from "vitest";
import { can, canAssignRole, TEAM_ROLES, type TeamAction } from "@/lib/teams/roles";

// The role table, row by row: which roles may do each thing.
const TABLE: Record<TeamAction, string[]> = {
  "history.view": ["owner", "admin", "member", "viewer"],
  "results.download": ["owner", "admin", "member", "viewer"],
  "orgs.view": ["owner", "admin", "member", "viewer"],
  "jobs.run": ["owner", "admin", "member"],
  "jobs.abort": ["owner", "admin", "member"],
  "orgs.manage": ["owner", "admin"],
  "members.manage": ["owner", "admin"],
  "invites.manage": ["owner", "admin"],
  "mappings.manage": ["owner", "admin"],
  "jobs.destructive-production": ["owner", "admin"],
  "audit.view": ["owner", "admin"],
  "team.delete": ["owner"],
  "team.transfer-ownership": ["owner"],
};

describe("role permissions", () => {
  for (const [action, allowed] of Object.entries(TABLE)) {
    it(`${action}: ${allowed.join(", ")}`, () => {
      expect(TEAM_ROLES.filter((role) => can(role, action as TeamAction))).toEqual(allowed);
    });
  }

  it("admins manage roles below owner; only owners touch owners", () => {
    expect(canAssignRole("admin", "viewer", "member")).toBe(true);
    expect(canAssignRole("admin", "member", "admin")).toBe(true);
    expect(canAssignRole("admin", "member", "owner")).toBe(false);
    expect(canAssignRole("admin", "owner", "admin")).toBe(false);
    expect(canAssignRole("owner", "owner", "admin")).toBe(true);
    expect(canAssignRole("member", "viewer", "member")).toBe(false);
  });
});
