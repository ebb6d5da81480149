/** System fields stored as columns of emulator.records rather than inside `fields` (see 001_org.sql). */
export const SYSTEM_COLUMNS: Readonly<Record<string, string>> = {
  Id: "id",
  IsDeleted: "is_deleted",
  OwnerId: "owner_id",
  CreatedDate: "created_date",
  CreatedById: "created_by_id",
  LastModifiedDate: "last_modified_date",
  LastModifiedById: "last_modified_by_id",
  SystemModstamp: "system_modstamp",
};

/** SQL text of a field of the records row aliased `alias` (field names come from the registry, never from input). */
export function fieldText(alias: string, fieldName: string): string {
  const column = SYSTEM_COLUMNS[fieldName];
  if (column === "is_deleted") return `${alias}.is_deleted::text`;
  if (column) return `${alias}.${column}`;
  return `(${alias}.fields->>'${fieldName}')`;
}
