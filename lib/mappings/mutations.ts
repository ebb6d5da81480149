/** Writes of saved mappings: explicit team and author, no request objects. */
import { getDb } from "../db";
import type { SaveMappingInput } from "./schema";

/** Saving under an existing name replaces that mapping (one name per team and object). */
export async function upsertSavedMapping(teamId: string, userId: string, input: SaveMappingInput): Promise<{ id: string; created: boolean }> {
  const db = getDb();
  const existing = await db.savedMapping.findFirst({ where: { teamId, object: { equals: input.object, mode: "insensitive" }, name: input.name }, select: { id: true } });
  if (existing) {
    await db.savedMapping.update({ where: { id: existing.id }, data: { mapping: input.mapping, createdById: userId } });
    return { id: existing.id, created: false };
  }
  const row = await db.savedMapping.create({ data: { teamId, object: input.object, name: input.name, mapping: input.mapping, createdById: userId }, select: { id: true } });
  return { id: row.id, created: true };
}

export async function deleteSavedMapping(teamId: string, id: string): Promise<boolean> {
  const { count } = await getDb().savedMapping.deleteMany({ where: { teamId, id } });
  return count > 0;
}
