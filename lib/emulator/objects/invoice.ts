import { checkbox, date, email, longText, lookup, number, picklist, text } from "./field-builders";
import type { ObjectDef } from "./types";

/** The shipped custom object: an external id, a lookup to Account and a restricted picklist. */
export const invoice: ObjectDef = {
  name: "Invoice__c",
  label: "Invoice",
  labelPlural: "Invoices",
  keyPrefix: "a00",
  owned: true,
  fields: [
    text("Name", "Invoice Name", 80, { required: true, nameField: true }),
    text("External_Id__c", "External Id", 255, { externalId: true, unique: true }),
    lookup("Account__c", "Account", ["Account"], "Account__r"),
    number("Amount__c", "Amount", "currency", 16, 2),
    picklist("Status__c", "Status", ["Draft", "Sent", "Paid", "Void"], { restrictedPicklist: true, defaultValue: "Draft" }),
    date("Invoice_Date__c", "Invoice Date"),
    date("Due_Date__c", "Due Date"),
    checkbox("Paid__c", "Paid"),
    email("Contact_Email__c", "Contact Email"),
    longText("Notes__c", "Notes", 4000),
  ],
};
