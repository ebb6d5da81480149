/** Request-facing reads of org connections: the team comes from the caller's membership only. */
import { notFound } from "next/navigation";
import { can, type MembershipContext } from "../auth";
import { getEnv } from "../env.mjs";
import { getConnection, listConnections } from "./data";
import { isEmulatorEnabled } from "./hosts";

export async function loadOrgConnections(ctx: MembershipContext) {
  const connections = await listConnections(ctx.teamId);
  const env = getEnv();
  return {
    connections,
    canTest: can(ctx.role, "jobs.run"),
    canManage: can(ctx.role, "orgs.manage"),
    emulatorEnabled: isEmulatorEnabled(),
    instanceClientConfigured: Boolean(env.SALESFORCE_CLIENT_ID),
  };
}

/** 404 when the connection is not the caller's team's, whether it exists elsewhere or not. */
export async function loadOrgConnection(ctx: MembershipContext, connectionId: string) {
  const connection = await getConnection(ctx.teamId, connectionId);
  if (!connection) notFound();
  return connection;
}
