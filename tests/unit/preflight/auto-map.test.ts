import { describe, expect, it } from "vitest";
import { autoMap, externalIdFields, mappableFields } from "../../../lib/preflight";
import { DEAL, emulatorObject } from "./fixtures";

const names = (fields: { name: string }[]) => fields.map((f) => f.name);

describe("autoMap", () => {
  it("matches API names case-insensitively, then labels ignoring case, spaces and underscores", () => {
    const mapping = autoMap(["name", "STAGE__C", "close date", "Lead_Source", "Contact Email", "Notes"], DEAL, "insert");
    expect(mapping).toEqual({
      name: "Name",
      STAGE__C: "Stage__c",
      "close date": "Close_Date__c",
      Lead_Source: "Source__c",
      "Contact Email": "Contact_Email__c",
    });
  });

  it("prefers an exact API name over an earlier column matching the same field's label", () => {
    expect(autoMap(["Deal Name", "Name"], DEAL, "insert")).toEqual({ Name: "Name" });
  });

  it("maps each field at most once", () => {
    expect(autoMap(["Name", "name", "Deal Name"], DEAL, "insert")).toEqual({ Name: "Name" });
  });

  it("keeps relationship columns through a reference field's relationship name", () => {
    const account = emulatorObject("Account");
    expect(autoMap(["Name", "Parent.External_Id__c", "Owner.Email", "Nope.Name"], account, "insert")).toEqual({
      Name: "Name",
      "Parent.External_Id__c": "Parent.External_Id__c",
      "Owner.Email": "Owner.Email",
    });
    expect(autoMap(["Account__r.Deal_Code__c"], DEAL, "upsert")).toEqual({ "Account__r.Deal_Code__c": "Account__r.Deal_Code__c" });
    expect(autoMap(["Parent.External_Id__c.Extra", "Parent.", ".Name"], account, "insert")).toEqual({});
  });

  it("keeps polymorphic relationship columns only for a type the field can point to", () => {
    const task = emulatorObject("Task");
    expect(autoMap(["Lead:Who.Email", "Account:What.External_Id__c"], task, "insert")).toEqual({
      "Lead:Who.Email": "Lead:Who.Email",
      "Account:What.External_Id__c": "Account:What.External_Id__c",
    });
    expect(autoMap(["User:Who.Email"], task, "insert")).toEqual({});
  });

  it("offers only fields that fit the operation", () => {
    const headers = ["Id", "Name", "Deal Number", "Locked_Note__c", "CreatedDate", "Account__r.Deal_Code__c"];
    expect(autoMap(headers, DEAL, "insert")).toEqual({ Name: "Name", Locked_Note__c: "Locked_Note__c", "Account__r.Deal_Code__c": "Account__r.Deal_Code__c" });
    expect(autoMap(headers, DEAL, "update")).toEqual({ Id: "Id", Name: "Name", "Account__r.Deal_Code__c": "Account__r.Deal_Code__c" });
    expect(autoMap(headers, DEAL, "upsert")).toEqual({ Id: "Id", Name: "Name", Locked_Note__c: "Locked_Note__c", "Account__r.Deal_Code__c": "Account__r.Deal_Code__c" });
    expect(autoMap(headers, DEAL, "delete")).toEqual({ Id: "Id" });
    expect(autoMap(headers, DEAL, "hardDelete")).toEqual({ Id: "Id" });
  });
});

describe("field lists", () => {
  it("lists mappable fields per operation", () => {
    expect(names(mappableFields(DEAL, "delete"))).toEqual(["Id"]);
    expect(names(mappableFields(DEAL, "insert"))).not.toContain("Id");
    expect(names(mappableFields(DEAL, "insert"))).not.toContain("CreatedDate");
    expect(names(mappableFields(DEAL, "insert"))).toContain("Locked_Note__c");
    expect(names(mappableFields(DEAL, "update"))).not.toContain("Locked_Note__c");
    expect(names(mappableFields(DEAL, "update"))[0]).toBe("Id");
  });

  it("offers Id and the real external ids as upsert keys", () => {
    expect(names(externalIdFields(DEAL))).toEqual(["Id", "Deal_Code__c"]);
    expect(names(externalIdFields(emulatorObject("Account")))).toEqual(["Id", "External_Id__c"]);
    expect(names(externalIdFields(emulatorObject("Contact")))).toContain("Email");
  });
});
