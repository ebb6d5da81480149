/** Hand-written describe fields for pre-flight tests: only the keys a test cares about, the rest default. */
import { getObject } from "../../../lib/emulator/objects";
import { describeObjectBody } from "../../../lib/emulator/org/describe";
import { toObjectInfo, type FieldInfo, type ObjectInfo } from "../../../lib/preflight";

function field(name: string, type: string, extra: Partial<FieldInfo> = {}): FieldInfo {
  return {
    name,
    label: name,
    type,
    length: ["string", "textarea", "email", "phone", "url", "picklist", "multipicklist"].includes(type) ? 255 : type === "id" || type === "reference" ? 18 : 0,
    nillable: true,
    createable: true,
    updateable: true,
    defaultedOnCreate: false,
    externalId: false,
    idLookup: false,
    unique: false,
    picklistValues: [],
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    precision: 0,
    scale: 0,
    digits: 0,
    ...extra,
  };
}

const values = (...list: string[]) => list.map((value) => ({ value, active: true }));

/** An Opportunity-like object with one field of every type the validator checks. */
export const DEAL: ObjectInfo = {
  name: "Deal__c",
  label: "Deal",
  fields: [
    field("Id", "id", { label: "Record ID", createable: false, updateable: false, nillable: false, defaultedOnCreate: true, idLookup: true }),
    field("Name", "string", { label: "Deal Name", nillable: false, length: 80 }),
    field("OwnerId", "reference", { label: "Owner ID", nillable: false, defaultedOnCreate: true, referenceTo: ["User"], relationshipName: "Owner" }),
    field("Account__c", "reference", { label: "Account", referenceTo: ["Account"], relationshipName: "Account__r" }),
    field("Stage__c", "picklist", {
      label: "Stage",
      nillable: false,
      restrictedPicklist: true,
      picklistValues: [...values("Prospecting", "Closed Won", "Closed Lost"), { value: "Retired", active: false }],
    }),
    field("Source__c", "picklist", { label: "Lead Source", picklistValues: values("Web", "Phone") }),
    field("Regions__c", "multipicklist", { label: "Regions", restrictedPicklist: true, picklistValues: values("EMEA", "AMER", "APAC") }),
    field("Amount__c", "currency", { label: "Amount", precision: 8, scale: 2 }),
    field("Probability__c", "percent", { label: "Probability (%)", precision: 3, scale: 0 }),
    field("Seats__c", "int", { label: "Seats", digits: 4 }),
    field("Views__c", "long", { label: "Views", digits: 18 }),
    field("Close_Date__c", "date", { label: "Close Date", nillable: false }),
    field("Signed_At__c", "datetime", { label: "Signed At" }),
    field("Call_Time__c", "time", { label: "Call Time" }),
    field("Is_Won__c", "boolean", { label: "Won", nillable: false }),
    field("Contact_Email__c", "email", { label: "Contact Email", length: 80 }),
    field("Website__c", "url", { label: "Website" }),
    field("Deal_Code__c", "string", { label: "Deal Code", externalId: true, unique: true, length: 20 }),
    field("Auto_Number__c", "string", { label: "Deal Number", createable: false, updateable: false, nillable: false, defaultedOnCreate: true }),
    field("Locked_Note__c", "string", { label: "Locked Note", updateable: false }),
    field("CreatedDate", "datetime", { label: "Created Date", createable: false, updateable: false, nillable: false, defaultedOnCreate: true }),
  ],
};

/** The emulator's describe of a shipped object, parsed: what the wizard sees for the demo org. */
export function emulatorObject(name: string): ObjectInfo {
  return toObjectInfo(describeObjectBody(getObject(name)!, "62.0"));
}
