/**
 * Request-facing handlers behind app/api/mappings: every member of a team can list and use the team's
 * saved mappings; saving and deleting need the admin role (issue #5: admins manage saved mappings).
 */
import { metaFromHeaders, recordAuditEvent } from "../audit";
import { can, requireMembership, type MembershipContext } from "../auth";
import { AppError } from "../errors";
import { assertSameOrigin, readJson } from "../http";
import { getSavedMapping, listSavedMappings } from "./data";
import { deleteSavedMapping, upsertSavedMapping } from "./mutations";
import { objectNameSchema, saveMappingSchema } from "./schema";

const noStore = { headers: { "cache-control": "no-store" } };


const teamOf = (request: Request) => new URL(request.url).searchParams.get("teamId") ?? undefined;

function requireManager(ctx: MembershipContext): void {
  if (!can(ctx.role, "mappings.manage")) throw new AppError("FORBIDDEN", "Saving or deleting a mapping needs the admin role or higher; you can still use the team's saved mappings.");
}

export async function listMappingsRoute(request: Request): Promise<Response> {
  const ctx = await requireMembership("viewer", teamOf(request));
  const object = objectNameSchema.parse(new URL(request.url).searchParams.get("object") ?? "");
  return Response.json({ mappings: await listSavedMappings(ctx.teamId, object), canManage: can(ctx.role, "mappings.manage") }, noStore);
}

export async function saveMappingRoute(request: Request): Promise<Response> {
  assertSameOrigin(request);
  const ctx = await requireMembership("viewer", teamOf(request));
  requireManager(ctx);
  const input = await readJson(request, saveMappingSchema);
  const { id, created } = await upsertSavedMapping(ctx.teamId, ctx.user.id, input);
  await recordAuditEvent({
    action: "mapping.saved",
    teamId: ctx.teamId,
    actor: { id: ctx.user.id, email: ctx.user.email },
    target: { type: "saved_mapping", id },
    details: { object: input.object, name: input.name, columns: Object.keys(input.mapping.columns).length, replaced: !created },
    meta: metaFromHeaders(request.headers),
  });
  return Response.json({ mapping: await getSavedMapping(ctx.teamId, id) }, { status: created ? 201 : 200, ...noStore });
}

export async function deleteMappingRoute(request: Request): Promise<Response> {
  assertSameOrigin(request);
  const ctx = await requireMembership("viewer", teamOf(request));
  const id = new URL(request.url).searchParams.get("id") ?? "";
  // 404 before 403: another team's id reveals nothing.
  const existing = await getSavedMapping(ctx.teamId, id);
  if (!existing) throw new AppError("NOT_FOUND", "Saved mapping not found.");
  requireManager(ctx);
  await deleteSavedMapping(ctx.teamId, id);
  await recordAuditEvent({
    action: "mapping.deleted",
    teamId: ctx.teamId,
    actor: { id: ctx.user.id, email: ctx.user.email },
    target: { type: "saved_mapping", id },
    details: { object: existing.object, name: existing.name },
    meta: metaFromHeaders(request.headers),
  });
  return Response.json({ deleted: true }, noStore);
}
