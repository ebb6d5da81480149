import { address, email, longText, lookup, number, phone, picklist, text, url } from "./field-builders";
import type { ObjectDef } from "./types";

export const INDUSTRIES = [
  "Agriculture", "Banking", "Chemicals", "Communications", "Construction", "Consulting", "Education",
  "Electronics", "Energy", "Engineering", "Entertainment", "Finance", "Healthcare", "Insurance",
  "Manufacturing", "Media", "Retail", "Technology", "Transportation", "Utilities", "Other",
];

export const LEAD_SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];

export const account: ObjectDef = {
  name: "Account",
  label: "Account",
  labelPlural: "Accounts",
  keyPrefix: "001",
  owned: true,
  fields: [
    text("Name", "Account Name", 255, { required: true, nameField: true }),
    text("AccountNumber", "Account Number", 40),
    text("Site", "Account Site", 80),
    picklist("Type", "Account Type", [
      "Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller",
      "Installation Partner", "Technology Partner", "Other",
    ]),
    picklist("Industry", "Industry", INDUSTRIES),
    picklist("Rating", "Account Rating", ["Hot", "Warm", "Cold"]),
    picklist("AccountSource", "Account Source", LEAD_SOURCES),
    number("AnnualRevenue", "Annual Revenue", "currency", 18, 0),
    number("NumberOfEmployees", "Employees", "int", 8, 0),
    phone("Phone", "Account Phone"),
    phone("Fax", "Account Fax"),
    url("Website", "Website"),
    longText("Description", "Account Description"),
    ...address("Billing", "Billing"),
    ...address("Shipping", "Shipping"),
    lookup("ParentId", "Parent Account ID", ["Account"], "Parent"),
    email("Billing_Email__c", "Billing Email"),
    text("External_Id__c", "External Id", 255, { externalId: true, unique: true }),
  ],
};
