/**
 * The org's schema. Adding an object = adding its definition file and listing it here.
 * Custom objects (`__c`) take the next free `a0N` key prefix in their definition.
 */
import { account } from "./account";
import { campaign, campaignMember } from "./campaign";
import { caseObject } from "./case";
import { contact } from "./contact";
import { checkbox, dateTime, lookup } from "./field-builders";
import { invoice } from "./invoice";
import { lead } from "./lead";
import { opportunity } from "./opportunity";
import { product2 } from "./product2";
import { task } from "./task";
import type { FieldDef, ObjectDef, ObjectMeta } from "./types";
import { user } from "./user";

const DEFINITIONS: ObjectDef[] = [
  account, contact, lead, opportunity, caseObject, campaign, campaignMember, product2, task, user, invoice,
];

const SYSTEM = { createable: false, updateable: false };

function systemFields(def: ObjectDef): FieldDef[] {
  const fields: FieldDef[] = [
    { name: "Id", label: `${def.label} ID`, type: "id", length: 18, idLookup: true, ...SYSTEM },
    checkbox("IsDeleted", "Deleted", SYSTEM),
    dateTime("CreatedDate", "Created Date", SYSTEM),
    lookup("CreatedById", "Created By ID", ["User"], "CreatedBy", SYSTEM),
    dateTime("LastModifiedDate", "Last Modified Date", SYSTEM),
    lookup("LastModifiedById", "Last Modified By ID", ["User"], "LastModifiedBy", SYSTEM),
    dateTime("SystemModstamp", "System Modstamp", SYSTEM),
  ];
  if (def.owned) fields.splice(1, 0, lookup("OwnerId", "Owner ID", ["Group", "User"], "Owner", { required: true }));
  return fields;
}

function finalize(def: ObjectDef): ObjectMeta {
  const fields = [...systemFields(def), ...def.fields];
  const fieldsByLowerName = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
  const relationshipsByLowerName = new Map(
    fields.filter((field) => field.relationshipName).map((field) => [field.relationshipName!.toLowerCase(), field]),
  );
  const keyFields = fields.filter((field) => field.name !== "Id" && (field.externalId || field.idLookup || field.unique));
  return {
    ...def,
    fields,
    custom: def.name.endsWith("__c"),
    fieldsByLowerName,
    relationshipsByLowerName,
    keyFields,
    uniqueFieldNames: keyFields.filter((field) => field.unique).map((field) => field.name),
    defaultedFields: fields.filter((field) => field.defaultValue !== undefined),
    requiredFields: fields.filter((field) => field.required),
    computedFields: fields.filter((field) => field.compute),
    autoNumberFields: fields.filter((field) => field.autoNumber),
    referenceFieldNames: new Set(fields.filter((field) => field.type === "reference").map((field) => field.name)),
  };
}

const OBJECTS = DEFINITIONS.map(finalize);
const BY_LOWER_NAME = new Map(OBJECTS.map((meta) => [meta.name.toLowerCase(), meta]));
const BY_PREFIX = new Map(OBJECTS.map((meta) => [meta.keyPrefix, meta]));

export function listObjects(): ObjectMeta[] {
  return OBJECTS;
}

/** Case-insensitive lookup by API name. */
export function getObject(name: string): ObjectMeta | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export function getObjectByPrefix(prefix: string): ObjectMeta | undefined {
  return BY_PREFIX.get(prefix);
}

export function getField(meta: ObjectMeta, name: string): FieldDef | undefined {
  return meta.fieldsByLowerName.get(name.toLowerCase());
}
