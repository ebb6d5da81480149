import { INDUSTRIES, LEAD_SOURCES } from "./account";
import { address, checkbox, email, fullName, longText, number, phone, picklist, text, url } from "./field-builders";
import type { ObjectDef } from "./types";

export const lead: ObjectDef = {
  name: "Lead",
  label: "Lead",
  labelPlural: "Leads",
  keyPrefix: "00Q",
  owned: true,
  fields: [
    picklist("Salutation", "Salutation", ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof."]),
    text("FirstName", "First Name", 40),
    text("LastName", "Last Name", 80, { required: true }),
    text("Name", "Full Name", 121, { createable: false, updateable: false, nameField: true, compute: fullName }),
    text("Company", "Company", 255, { required: true }),
    text("Title", "Title", 128),
    email("Email", "Email", { idLookup: true }),
    phone("Phone", "Phone"),
    url("Website", "Website"),
    picklist(
      "Status",
      "Lead Status",
      ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"],
      { restrictedPicklist: true, defaultValue: "Open - Not Contacted" },
    ),
    picklist("LeadSource", "Lead Source", LEAD_SOURCES),
    picklist("Industry", "Industry", INDUSTRIES),
    picklist("Rating", "Rating", ["Hot", "Warm", "Cold"]),
    number("AnnualRevenue", "Annual Revenue", "currency", 18, 0),
    number("NumberOfEmployees", "Employees", "int", 8, 0),
    checkbox("IsConverted", "Converted", { updateable: false }),
    checkbox("HasOptedOutOfEmail", "Email Opt Out"),
    longText("Description", "Description"),
    ...address("", "Address").map((field) => ({ ...field, label: field.label.replace("Address ", "") })),
  ],
};
