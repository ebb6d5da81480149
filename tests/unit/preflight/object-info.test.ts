import { describe, expect, it } from "vitest";
import { findField, toObjectInfo } from "../../../lib/preflight";
import { emulatorObject } from "./fixtures";

describe("toObjectInfo", () => {
  it("parses the emulator's Account describe with every key the validator uses", () => {
    const account = emulatorObject("Account");
    expect(account.name).toBe("Account");
    const name = account.fields.find((f) => f.name === "Name")!;
    expect(name).toMatchObject({ type: "string", length: 255, nillable: false, createable: true, defaultedOnCreate: false });
    const ext = account.fields.find((f) => f.name === "External_Id__c")!;
    expect(ext).toMatchObject({ externalId: true, idLookup: true, unique: true });
    const parent = account.fields.find((f) => f.name === "ParentId")!;
    expect(parent).toMatchObject({ type: "reference", referenceTo: ["Account"], relationshipName: "Parent" });
    const employees = account.fields.find((f) => f.name === "NumberOfEmployees")!;
    expect(employees).toMatchObject({ type: "int", digits: 8, label: "Employees" });
    const industry = account.fields.find((f) => f.name === "Industry")!;
    expect(industry.picklistValues).toContainEqual({ value: "Banking", active: true });
  });

  it("fills defaults for missing and null optional keys", () => {
    const info = toObjectInfo({
      name: "Thing__c",
      fields: [{ name: "Code__c", type: "string", picklistValues: null, referenceTo: null, relationshipName: null, length: null }],
    });
    expect(info).toEqual({
      name: "Thing__c",
      label: "Thing__c",
      fields: [
        {
          name: "Code__c", label: "Code__c", type: "string", length: 0, nillable: true, createable: true, updateable: true,
          defaultedOnCreate: false, externalId: false, idLookup: false, unique: false, caseSensitive: false, picklistValues: [],
          restrictedPicklist: false, referenceTo: [], relationshipName: null, precision: 0, scale: 0, digits: 0,
        },
      ],
    });
  });

  it("finds fields by API name in any case, as Salesforce does", () => {
    const account = emulatorObject("Account");
    expect(findField(account, "external_id__c")?.name).toBe("External_Id__c");
    expect(findField(account, "Nope__c")).toBeUndefined();
  });

  it("never makes a bare id field writable", () => {
    const info = toObjectInfo({ name: "X", fields: [{ name: "Id", type: "id" }] });
    expect(info.fields[0]).toMatchObject({ createable: false, updateable: false });
  });

  it("keeps inactive picklist values marked inactive", () => {
    const info = toObjectInfo({ name: "X", fields: [{ name: "S", type: "picklist", picklistValues: [{ value: "Old", active: false, label: "Old" }] }] });
    expect(info.fields[0].picklistValues).toEqual([{ value: "Old", active: false }]);
  });

  it("names what is wrong with something that is not a describe", () => {
    expect(() => toObjectInfo(null)).toThrow(/^Not an sObject describe: \(top level\)/);
    expect(() => toObjectInfo([{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }])).toThrow(/Not an sObject describe/);
    expect(() => toObjectInfo({ name: "Account" })).toThrow(/fields/);
    expect(() => toObjectInfo({ name: "Account", fields: [{ name: "Name", type: 3 }] })).toThrow(/fields\.0\.type/);
    expect(() => toObjectInfo({ name: "Account", fields: [{ name: "Name", type: "string", length: "long" }] })).toThrow(/fields\.0\.length/);
  });
});
