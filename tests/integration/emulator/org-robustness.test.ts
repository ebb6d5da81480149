import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorPool, migrateEmulatorSchema } from "../../../lib/emulator/db";
import { createOrgStore, seedDemoOrg, SoqlError, type DmlRow, type OrgStore } from "../../../lib/emulator/org";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let db: TestDatabase;
let pool: pg.Pool;
let store: OrgStore;
let orgId: string;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createEmulatorPool(db.url);
  await migrateEmulatorSchema(pool);
  ({ orgId, userId } = await seedDemoOrg(pool, { seedRecords: false }));
  store = createOrgStore(pool);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe("bad input never crashes or loses data", () => {
  it("stores awkward text and answers odd shapes with row errors", async () => {
    const results = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Account",
      format: "json",
      rows: [
        { Name: "nul\u0000byte \ud800 lone surrogate" },
        { Name: "arrays", Description: ["a", "b"] } as unknown as DmlRow,
        { Name: "nested", Industry: { Bogus: "x" } },
        { Name: 12345 },
        { Name: true },
      ],
    });
    expect(results.map((r) => r.success)).toEqual([true, false, false, true, true]);
    expect(results[1].errors[0].statusCode).toBe("INVALID_FIELD");
    const stored = await store.retrieve(orgId, "account", results[0].id!, { fields: ["Name"] });
    expect(stored?.Name).toBe("nulbyte \ufffd lone surrogate");
    const numeric = await store.retrieve(orgId, "Account", results[3].id!);
    expect(numeric).toMatchObject({ Name: "12345", IsDeleted: false, OwnerId: userId });
    expect(numeric?.attributes).toEqual({ type: "Account", url: `/services/data/v62.0/sobjects/Account/${results[3].id}` });
  });

  it("rejects unknown objects and keys per row and refuses bad SOQL with SoqlError", async () => {
    const unknown = await store.applyDml(orgId, userId, { operation: "insert", object: "Nope__c", rows: [{ Name: "x" }] });
    expect(unknown[0].errors[0].statusCode).toBe("INVALID_TYPE");
    const badKey = await store.applyDml(orgId, userId, { operation: "upsert", object: "Account", externalIdField: "Name", rows: [{ Name: "x" }] });
    expect(badKey[0].success).toBe(false);
    await expect(store.query(orgId, "SELECT Id FROM Account WHERE Name = 'a\u0000'")).resolves.toBeDefined();
    await expect(store.query(orgId, "DELETE FROM Account")).rejects.toBeInstanceOf(SoqlError);
    await expect(store.query(orgId, "SELECT Id FROM Account", { idRange: { gte: "bogus" } })).rejects.toBeInstanceOf(SoqlError);
    expect(await store.retrieve(orgId, "Account", "not-an-id")).toBeUndefined();
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM emulator.records WHERE org_id = $1 AND object = 'Account'", [orgId]);
    expect(rows[0].n).toBe(3);
  });
});

describe("describe", () => {
  it("describes objects case-insensitively with the REST field shape", async () => {
    const global = await store.describeGlobal(orgId, "66.0");
    const names = (global.sobjects as { name: string }[]).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(["Account", "Contact", "Lead", "Opportunity", "Case", "Campaign", "CampaignMember", "Product2", "Task", "User", "Invoice__c"]));
    const invoice = (await store.describe(orgId, "invoice__C", "66.0"))!;
    expect(invoice).toMatchObject({ name: "Invoice__c", custom: true, keyPrefix: "a00", urls: { describe: "/services/data/v66.0/sobjects/Invoice__c/describe" } });
    const fields = invoice.fields as Record<string, unknown>[];
    const byName = (name: string) => fields.find((f) => f.name === name)!;
    expect(byName("External_Id__c")).toMatchObject({ externalId: true, unique: true, idLookup: true, type: "string", length: 255 });
    expect(byName("Account__c")).toMatchObject({ type: "reference", referenceTo: ["Account"], relationshipName: "Account__r", soapType: "tns:ID" });
    expect(byName("Status__c")).toMatchObject({ restrictedPicklist: true, defaultedOnCreate: true });
    expect(byName("Name")).toMatchObject({ nillable: false, createable: true, defaultedOnCreate: false, nameField: true });
    expect(byName("Id")).toMatchObject({ type: "id", createable: false, updateable: false, nillable: false });
    expect(Object.keys(byName("Id"))).toEqual([...Object.keys(byName("Id"))].sort());
    const user = (await store.describe(orgId, "User"))!;
    expect(user).toMatchObject({ createable: false, updateable: false, deletable: false });
    expect(await store.describe(orgId, "Nope")).toBeUndefined();
    expect(store.resolveObjectName("opportunity")).toBe("Opportunity");
  });
});
