export { getField, getObject, getObjectByPrefix, listObjects } from "./registry";
export type { FieldDef, FieldType, ObjectMeta, StoredValue } from "./types";
