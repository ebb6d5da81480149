import type { Metadata } from "next";
import { CreateInviteForm, RevokeInviteForm } from "@/components/teams/invite-forms";
import { MemberRoleForm, RemoveMemberForm } from "@/components/teams/member-row-actions";
import { DeleteTeamForm, RenameTeamForm, TransferOwnershipForm } from "@/components/teams/team-settings-forms";
import { formatUtc } from "@/components/ui/format";
import { Card } from "@/components/ui/notice";
import { can } from "@/lib/auth";
import { loadTeamSettings, requirePageMembership } from "@/lib/teams/loaders";
import { canAssignRole, ROLE_DESCRIPTIONS, TEAM_ROLES } from "@/lib/teams/roles";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

export default async function TeamPage() {
  const ctx = await requirePageMembership("/team");
  const { team, members, invites } = await loadTeamSettings(ctx);
  const manage = can(ctx.role, "members.manage");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{team.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          You are {ctx.role === "admin" || ctx.role === "owner" ? "an" : "a"} <strong>{ctx.role}</strong> of this team.
        </p>
      </div>

      <Card title="Members" description="Role changes and removals apply on the member's very next request.">
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4">Member</th>
                <th scope="col" className="py-2 pr-4">Role</th>
                <th scope="col" className="py-2 pr-4">Joined</th>
                <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((member) => {
                const self = member.userId === ctx.user.id;
                const assignable = TEAM_ROLES.filter((role) => canAssignRole(ctx.role, member.role, role));
                return (
                  <tr key={member.userId} data-testid={`member-${member.email}`}>
                    <td className="py-3 pr-4">
                      <div className="font-medium">{member.name ?? member.email}</div>
                      {member.name ? <div className="text-slate-500">{member.email}</div> : null}
                    </td>
                    <td className="py-3 pr-4">
                      {manage && assignable.length > 0 ? <MemberRoleForm userId={member.userId} email={member.email} role={member.role} assignable={assignable} /> : <span className="capitalize">{member.role}</span>}
                    </td>
                    <td className="py-3 pr-4 text-slate-600">{formatUtc(member.joinedAt)}</td>
                    <td className="py-3 text-right">
                      {self || (manage && (member.role !== "owner" || ctx.role === "owner")) ? <RemoveMemberForm userId={member.userId} email={member.email} self={self} /> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>

      {manage ? (
        <Card title="Invite people" description="An invite is a link with a role and an expiry. Anyone with the link can join until it expires or is revoked.">
          <CreateInviteForm />
          {invites.length > 0 ? (
            <div className="mt-6">
              <h3 className="text-sm font-semibold">Pending invites</h3>
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {invites.map((invite) => {
                  const description = `${invite.role}${invite.email ? ` for ${invite.email}` : ""}`;
                  return (
                    <li key={invite.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                      <span>
                        <span className="capitalize">{invite.role}</span>
                        {invite.email ? ` · ${invite.email}` : ""} · expires {formatUtc(invite.expiresAt)}
                        {invite.createdBy ? ` · by ${invite.createdBy.email}` : ""}
                      </span>
                      <RevokeInviteForm inviteId={invite.id} description={description} />
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
        </Card>
      ) : null}

      <Card title="Roles">
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          {TEAM_ROLES.map((role) => (
            <div key={role}>
              <dt className="font-medium capitalize">{role}</dt>
              <dd className="text-slate-600">{ROLE_DESCRIPTIONS[role]}</dd>
            </div>
          ))}
        </dl>
      </Card>

      {manage ? (
        <Card title="Team settings">
          <RenameTeamForm name={team.name} />
        </Card>
      ) : null}

      {ctx.role === "owner" ? (
        <Card title="Owner zone" description="Hand the team over, or delete it with all its org connections and history.">
          <div className="space-y-6">
            <TransferOwnershipForm members={members.filter((m) => m.userId !== ctx.user.id).map((m) => ({ userId: m.userId, email: m.email }))} />
            <DeleteTeamForm name={team.name} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
