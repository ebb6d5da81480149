import type { FieldDef, ObjectMeta } from "../../objects";
import type { DmlError } from "../types";

export const dmlError = (statusCode: string, message: string, fields: string[] = []): DmlError => ({ statusCode, message, fields });

export const notWritable = (fields: string[]): DmlError =>
  dmlError(
    "INVALID_FIELD_FOR_INSERT_UPDATE",
    `Unable to create/update fields: ${fields.join(", ")}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    fields,
  );

export const requiredMissing = (fields: string[]): DmlError =>
  dmlError("REQUIRED_FIELD_MISSING", `Required fields are missing: [${fields.join(", ")}]`, fields);

export const readOnlyObject = (): DmlError =>
  dmlError(
    "INSUFFICIENT_ACCESS_OR_READONLY",
    "You do not have the level of access necessary to perform the operation you requested. Please contact the owner of the record or your administrator if access is necessary.",
  );

export const malformedRecordId = (meta: ObjectMeta, id: string): DmlError =>
  dmlError("MALFORMED_ID", `${meta.label} ID: id value of incorrect type: ${id}`, ["Id"]);

export const crossReference = (): DmlError => dmlError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");

export const entityDeleted = (): DmlError => dmlError("ENTITY_IS_DELETED", "entity is deleted");

export const duplicateValue = (field: FieldDef, existingId: string): DmlError =>
  dmlError("DUPLICATE_VALUE", `duplicate value found: ${field.name} duplicates value on record with id: ${existingId}`, [field.name]);

export const duplicateIdInList = (id: string): DmlError => dmlError("DUPLICATE_VALUE", `Duplicate id in list: ${id}`);
