import { checkbox, date, longText, lookup, number, picklist, text } from "./field-builders";
import type { ObjectDef } from "./types";

export const campaign: ObjectDef = {
  name: "Campaign",
  label: "Campaign",
  labelPlural: "Campaigns",
  keyPrefix: "701",
  owned: true,
  fields: [
    text("Name", "Name", 80, { required: true, nameField: true }),
    picklist("Type", "Type", ["Conference", "Webinar", "Trade Show", "Public Relations", "Email", "Advertisement", "Other"]),
    picklist("Status", "Status", ["Planned", "In Progress", "Completed", "Aborted"]),
    date("StartDate", "Start Date"),
    date("EndDate", "End Date"),
    number("BudgetedCost", "Budgeted Cost in Campaign", "currency", 18, 0),
    number("ActualCost", "Actual Cost in Campaign", "currency", 18, 0),
    number("ExpectedRevenue", "Expected Revenue in Campaign", "currency", 18, 0),
    checkbox("IsActive", "Active"),
    lookup("ParentId", "Parent Campaign ID", ["Campaign"], "Parent"),
    longText("Description", "Description"),
  ],
};

export const campaignMember: ObjectDef = {
  name: "CampaignMember",
  label: "Campaign Member",
  labelPlural: "Campaign Members",
  keyPrefix: "00v",
  owned: false,
  fields: [
    lookup("CampaignId", "Campaign ID", ["Campaign"], "Campaign", { required: true, updateable: false }),
    lookup("ContactId", "Contact ID", ["Contact"], "Contact", { updateable: false }),
    lookup("LeadId", "Lead ID", ["Lead"], "Lead", { updateable: false }),
    picklist("Status", "Status", ["Planned", "Sent", "Received", "Responded"], { defaultValue: "Sent" }),
    checkbox("HasResponded", "Responded", {
      createable: false,
      updateable: false,
      compute: (fields) => fields.Status === "Responded",
    }),
  ],
};
