import { date, longText, lookup, picklist, text } from "./field-builders";
import type { ObjectDef } from "./types";

export const task: ObjectDef = {
  name: "Task",
  label: "Task",
  labelPlural: "Tasks",
  keyPrefix: "00T",
  owned: true,
  fields: [
    { ...text("Subject", "Subject", 255), type: "combobox", picklistValues: ["Call", "Send Letter", "Send Quote", "Other"] },
    picklist("Status", "Status", ["Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"], {
      restrictedPicklist: true,
      defaultValue: "Not Started",
    }),
    picklist("Priority", "Priority", ["High", "Normal", "Low"], { restrictedPicklist: true, defaultValue: "Normal" }),
    picklist("Type", "Type", ["Call", "Email", "Meeting", "Other"]),
    date("ActivityDate", "Due Date Only"),
    longText("Description", "Description"),
    lookup("WhoId", "Name ID", ["Contact", "Lead"], "Who"),
    lookup("WhatId", "Related To ID", ["Account", "Opportunity", "Case", "Campaign", "Product2"], "What"),
  ],
};
