/** REST describe bodies (protocol reference §6.2, §6.3) built from the object registry. */
import { SYSTEM_COLUMNS } from "../db/record-columns";
import { listObjects } from "../objects";
import type { FieldDef, FieldType, ObjectMeta } from "../objects";

const SOAP_TYPES: Record<FieldType, string> = {
  id: "tns:ID",
  reference: "tns:ID",
  boolean: "xsd:boolean",
  currency: "xsd:double",
  double: "xsd:double",
  percent: "xsd:double",
  int: "xsd:int",
  date: "xsd:date",
  datetime: "xsd:dateTime",
  string: "xsd:string",
  textarea: "xsd:string",
  picklist: "xsd:string",
  multipicklist: "xsd:string",
  combobox: "xsd:string",
  email: "xsd:string",
  phone: "xsd:string",
  url: "xsd:string",
};

const TEXTUAL = new Set<FieldType>(["string", "textarea", "picklist", "multipicklist", "combobox", "email", "phone", "url"]);

function objectUrls(meta: ObjectMeta, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${meta.name}`;
  return { rowTemplate: `${base}/{ID}`, describe: `${base}/describe`, sobject: base };
}

function globalEntry(meta: ObjectMeta, version: string): Record<string, unknown> {
  const createable = meta.createable !== false;
  const updateable = meta.updateable !== false;
  const deletable = meta.deletable !== false;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable,
    custom: meta.custom,
    customSetting: false,
    deepCloneable: false,
    deletable,
    deprecatedAndHidden: false,
    feedEnabled: !meta.custom,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: meta.keyPrefix,
    label: meta.label,
    labelPlural: meta.labelPlural,
    layoutable: true,
    mergeable: ["Account", "Contact", "Lead", "Case"].includes(meta.name),
    mruEnabled: true,
    name: meta.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: deletable,
    updateable,
    urls: objectUrls(meta, version),
  };
}

function describeField(field: FieldDef): Record<string, unknown> {
  const textual = TEXTUAL.has(field.type) || field.type === "id" || field.type === "reference";
  const length = field.type === "id" || field.type === "reference" ? 18 : textual ? (field.length ?? 255) : 0;
  const createable = field.createable !== false;
  const defaulted = field.defaultValue !== undefined || field.name === "Id" || field.name === "OwnerId" || !createable;
  const numeric = ["currency", "double", "percent"].includes(field.type);
  const longText = field.type === "textarea" && length > 255;
  return {
    aggregatable: !longText,
    autoNumber: Boolean(field.autoNumber),
    byteLength: textual ? length * 3 : 0,
    calculated: Boolean(field.compute) && field.type !== "boolean",
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable,
    custom: field.name.endsWith("__c"),
    defaultValue: field.defaultValue ?? null,
    defaultValueFormula: null,
    defaultedOnCreate: defaulted,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.type === "int" ? (field.precision ?? 9) : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: Boolean(field.externalId),
    extraTypeInfo: null,
    filterable: !longText,
    filteredLookupInfo: null,
    groupable: !longText && !numeric,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: Boolean(field.idLookup || field.externalId),
    inlineHelpText: null,
    label: field.label,
    length,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: Boolean(field.nameField),
    namePointing: (field.referenceTo?.length ?? 0) > 1,
    // System fields are always set by the server, so Salesforce reports them as not nillable.
    nillable: !field.required && field.type !== "boolean" && !(field.name in SYSTEM_COLUMNS),
    permissionable: createable && !field.required,
    picklistValues: (field.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: value === field.defaultValue,
      label: value,
      validFor: null,
      value,
    })),
    polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
    precision: numeric ? (field.precision ?? 18) : 0,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: Boolean(field.restrictedPicklist),
    scale: numeric ? (field.scale ?? 0) : 0,
    soapType: SOAP_TYPES[field.type],
    sortable: !longText,
    type: field.type,
    unique: Boolean(field.unique),
    updateable: field.updateable !== false && field.createable !== false,
    writeRequiresMasterRead: false,
  };
}

function childRelationships(meta: ObjectMeta): Record<string, unknown>[] {
  const children: Record<string, unknown>[] = [];
  for (const child of listObjects()) {
    for (const field of child.fields) {
      if (!field.referenceTo?.includes(meta.name) || field.name.endsWith("ById")) continue;
      children.push({
        cascadeDelete: false,
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: field.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: child.custom ? `${child.labelPlural.replace(/\s/g, "_")}__r` : child.labelPlural.replace(/\s/g, ""),
        restrictedDelete: false,
      });
    }
  }
  return children;
}

export function describeGlobalBody(version: string): Record<string, unknown> {
  return { encoding: "UTF-8", maxBatchSize: 200, sobjects: listObjects().map((meta) => globalEntry(meta, version)) };
}

export function describeObjectBody(meta: ObjectMeta, version: string): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${meta.name}`;
  return {
    ...globalEntry(meta, version),
    actionOverrides: [],
    childRelationships: childRelationships(meta),
    compactLayoutable: true,
    fields: meta.fields.map(describeField),
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: "Master",
        master: true,
        name: "Master",
        recordTypeId: "012000000000000AAA",
        urls: { layout: `${base}/describe/layouts/012000000000000AAA` },
      },
    ],
    searchLayoutable: true,
    supportedScopes: [
      { label: "All records", name: "everything" },
      { label: "My records", name: "mine" },
    ],
    urls: { ...objectUrls(meta, version), uiDetailTemplate: null, uiEditTemplate: null, uiNewRecord: null },
  };
}
