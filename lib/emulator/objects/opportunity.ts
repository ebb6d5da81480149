import { LEAD_SOURCES } from "./account";
import { checkbox, date, longText, lookup, number, picklist, text } from "./field-builders";
import type { ObjectDef } from "./types";

export const OPPORTUNITY_STAGES = [
  "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
  "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
];

export const opportunity: ObjectDef = {
  name: "Opportunity",
  label: "Opportunity",
  labelPlural: "Opportunities",
  keyPrefix: "006",
  owned: true,
  fields: [
    text("Name", "Name", 120, { required: true, nameField: true }),
    lookup("AccountId", "Account ID", ["Account"], "Account"),
    lookup("CampaignId", "Campaign ID", ["Campaign"], "Campaign"),
    picklist("StageName", "Stage", OPPORTUNITY_STAGES, { required: true }),
    date("CloseDate", "Close Date", { required: true }),
    number("Amount", "Amount", "currency", 18, 2),
    number("Probability", "Probability (%)", "percent", 3, 0),
    picklist("Type", "Opportunity Type", ["Existing Customer - Upgrade", "Existing Customer - Replacement", "New Customer"]),
    picklist("LeadSource", "Lead Source", LEAD_SOURCES),
    text("NextStep", "Next Step", 255),
    longText("Description", "Description"),
    checkbox("IsClosed", "Closed", {
      createable: false,
      updateable: false,
      compute: (fields) => String(fields.StageName ?? "").startsWith("Closed"),
    }),
    checkbox("IsWon", "Won", {
      createable: false,
      updateable: false,
      compute: (fields) => fields.StageName === "Closed Won",
    }),
  ],
};
