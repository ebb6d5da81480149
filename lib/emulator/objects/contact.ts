import { LEAD_SOURCES } from "./account";
import { address, checkbox, date, email, fullName, longText, lookup, phone, picklist, text } from "./field-builders";
import type { ObjectDef } from "./types";

export const contact: ObjectDef = {
  name: "Contact",
  label: "Contact",
  labelPlural: "Contacts",
  keyPrefix: "003",
  owned: true,
  fields: [
    picklist("Salutation", "Salutation", ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof."]),
    text("FirstName", "First Name", 40),
    text("LastName", "Last Name", 80, { required: true }),
    text("Name", "Full Name", 121, { createable: false, updateable: false, nameField: true, compute: fullName }),
    lookup("AccountId", "Account ID", ["Account"], "Account"),
    lookup("ReportsToId", "Reports To ID", ["Contact"], "ReportsTo"),
    email("Email", "Email", { idLookup: true }),
    phone("Phone", "Business Phone"),
    phone("MobilePhone", "Mobile Phone"),
    text("Title", "Title", 128),
    text("Department", "Department", 80),
    date("Birthdate", "Birthdate"),
    picklist("LeadSource", "Lead Source", LEAD_SOURCES),
    checkbox("HasOptedOutOfEmail", "Email Opt Out"),
    checkbox("DoNotCall", "Do Not Call"),
    longText("Description", "Contact Description"),
    ...address("Mailing", "Mailing"),
    text("External_Id__c", "External Id", 255, { externalId: true, unique: true }),
  ],
};
