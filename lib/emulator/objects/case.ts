import { dateTime, email, longText, lookup, picklist, text, checkbox } from "./field-builders";
import type { ObjectDef } from "./types";

export const caseObject: ObjectDef = {
  name: "Case",
  label: "Case",
  labelPlural: "Cases",
  keyPrefix: "500",
  owned: true,
  fields: [
    text("CaseNumber", "Case Number", 30, { createable: false, updateable: false, autoNumber: true, nameField: true }),
    text("Subject", "Subject", 255),
    longText("Description", "Description"),
    picklist("Status", "Status", ["New", "Working", "Escalated", "Closed"], { defaultValue: "New" }),
    picklist("Priority", "Priority", ["High", "Medium", "Low"], { defaultValue: "Medium" }),
    picklist("Origin", "Case Origin", ["Phone", "Email", "Web"]),
    picklist("Type", "Case Type", ["Question", "Problem", "Feature Request"]),
    picklist("Reason", "Case Reason", ["Installation", "Equipment Complexity", "Performance", "Breakdown", "Other"]),
    lookup("AccountId", "Account ID", ["Account"], "Account"),
    lookup("ContactId", "Contact ID", ["Contact"], "Contact"),
    text("SuppliedName", "Web Name", 80),
    email("SuppliedEmail", "Web Email"),
    checkbox("IsClosed", "Closed", {
      createable: false,
      updateable: false,
      compute: (fields) => fields.Status === "Closed",
    }),
    dateTime("ClosedDate", "Closed Date", { createable: false, updateable: false }),
  ],
};
