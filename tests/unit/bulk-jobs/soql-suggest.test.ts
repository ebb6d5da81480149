import { describe, expect, it } from "vitest";
import { applySuggestion, filterSuggestions, soqlContext } from "../../../lib/bulk-jobs/soql-suggest";

const at = (text: string) => soqlContext(text.replace("|", ""), text.indexOf("|"));

describe("SOQL editor suggestions", () => {
  it("suggests objects after FROM and fields of that object in SELECT and WHERE", () => {
    expect(at("SELECT Id FROM Acc|")).toMatchObject({ kind: "object", prefix: "Acc", start: 15 });
    expect(at("SELECT Id, Na| FROM Account")).toMatchObject({ kind: "field", prefix: "Na", object: "Account" });
    expect(at("SELECT | FROM Contact")).toMatchObject({ kind: "field", prefix: "", object: "Contact" });
    expect(at("SELECT Id FROM Account WHERE Na|")).toMatchObject({ kind: "field", prefix: "Na" });
    expect(at("SELECT Id FROM Account WHERE Name = 'x' AND Ind|")).toMatchObject({ kind: "field", prefix: "Ind" });
    expect(at("SELECT Id FROM Account ORDER BY Cre|")).toMatchObject({ kind: "field", prefix: "Cre" });
  });

  it("stays quiet inside strings, after a complete field, and in LIMIT", () => {
    expect(at("SELECT Id FROM Account WHERE Name = 'Acme |").kind).toBeNull();
    expect(at("SELECT Id FROM Account WHERE Name |").kind).toBeNull();
    expect(at("SELECT Id FROM Account LIMIT 1|").kind).toBeNull();
    expect(at("SELECT Id |").kind).toBeNull();
  });

  it("ranks names that start with the prefix first, then matches by name or label", () => {
    const items = [{ name: "AccountId", label: "Account" }, { name: "Name", label: "Name" }, { name: "ParentAccount__c", label: "Parent" }, { name: "Industry", label: "Sector" }];
    expect(filterSuggestions(items, "acc").map((i) => i.name)).toEqual(["AccountId", "ParentAccount__c"]);
    expect(filterSuggestions(items, "sect").map((i) => i.name)).toEqual(["Industry"]);
    expect(filterSuggestions(items, "", 2)).toHaveLength(2);
  });

  it("replaces the partial word with the chosen name and puts the cursor after it", () => {
    const text = "SELECT Id, Na FROM Account";
    expect(applySuggestion(text, soqlContext(text, 13), 13, "Name")).toEqual({ text: "SELECT Id, Name FROM Account", cursor: 15 });
    const from = "SELECT Id FROM Acc";
    expect(applySuggestion(from, soqlContext(from, 18), 18, "Account")).toEqual({ text: "SELECT Id FROM Account ", cursor: 23 });
  });
});
