/** Reads of saved mappings, always scoped by the caller's team. */
import { getDb } from "../db";
import { savedMappingBodySchema, type SavedMappingJson } from "./schema";

type Row = { id: string; object: string; name: string; mapping: unknown; updatedAt: Date; createdBy: { email: string } | null };

function toJson(row: Row): SavedMappingJson {
  // A row written by an older version keeps loading: unknown keys drop, missing ones default.
  const parsed = savedMappingBodySchema.safeParse(row.mapping);
  return {
    id: row.id,
    object: row.object,
    name: row.name,
    mapping: parsed.success ? parsed.data : { columns: {}, constants: {}, dates: {} },
    createdBy: row.createdBy?.email ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const select = { id: true, object: true, name: true, mapping: true, updatedAt: true, createdBy: { select: { email: true } } } as const;

export async function listSavedMappings(teamId: string, object: string): Promise<SavedMappingJson[]> {
  // Object names are case-insensitive in Salesforce; "account" and "Account" share their mappings.
  const rows = await getDb().savedMapping.findMany({ where: { teamId, object: { equals: object, mode: "insensitive" } }, orderBy: { name: "asc" }, select });
  return rows.map(toJson);
}

export async function getSavedMapping(teamId: string, id: string): Promise<SavedMappingJson | null> {
  const row = await getDb().savedMapping.findFirst({ where: { teamId, id }, select });
  return row ? toJson(row) : null;
}
