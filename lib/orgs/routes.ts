/** Request-facing handlers behind app/api/orgs/**: authorize from the session, then scope by its team. */
import { metaFromHeaders } from "../audit";
import { requireMembership } from "../auth";
import { AppError } from "../errors";
import { assertSameOrigin } from "../http";
import { toConnectionJson } from "./api";
import { getConnection, listConnections } from "./data";
import { disconnect, testConnection } from "./service";

const noStore = { headers: { "cache-control": "no-store" } };

export async function listConnectionsRoute(): Promise<Response> {
  const ctx = await requireMembership("viewer");
  const connections = await listConnections(ctx.teamId);
  return Response.json({ connections: connections.map(toConnectionJson) }, noStore);
}

export async function getConnectionRoute(id: string): Promise<Response> {
  const ctx = await requireMembership("viewer");
  const connection = await getConnection(ctx.teamId, id);
  if (!connection) throw new AppError("NOT_FOUND", "Org connection not found.");
  return Response.json({ connection: toConnectionJson(connection) }, noStore);
}

export async function testConnectionRoute(request: Request, id: string): Promise<Response> {
  const ctx = await requireMembership("viewer");
  // 404 before 403: someone outside the team learns nothing about the id.
  if (!(await getConnection(ctx.teamId, id))) throw new AppError("NOT_FOUND", "Org connection not found.");
  assertSameOrigin(request);
  if (ctx.role === "viewer") throw new AppError("FORBIDDEN", "Testing a connection needs the member role or higher.");
  const result = await testConnection(ctx, id, metaFromHeaders(request.headers));
  return Response.json(result, { status: result.ok ? 200 : 502, ...noStore });
}

export async function deleteConnectionRoute(request: Request, id: string): Promise<Response> {
  const ctx = await requireMembership("viewer");
  if (!(await getConnection(ctx.teamId, id))) throw new AppError("NOT_FOUND", "Org connection not found.");
  assertSameOrigin(request);
  if (ctx.role !== "admin" && ctx.role !== "owner") throw new AppError("FORBIDDEN", "Disconnecting an org needs the admin role or higher.");
  const result = await disconnect(ctx, id, metaFromHeaders(request.headers));
  return Response.json(result, noStore);
}
