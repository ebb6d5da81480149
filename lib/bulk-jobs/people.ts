/** Emails for the "created by" column: one query per page, never one per row. */
import { listTeamMembers } from "../teams/data";

/** People who have left the team have no membership any more; the page shows them as "former member". */
export async function loadMemberEmails(teamId: string): Promise<Map<string, string>> {
  const members = await listTeamMembers(teamId);
  return new Map(members.map((member) => [member.userId, member.email]));
}
