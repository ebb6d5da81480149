import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulatorPool, migrateEmulatorSchema } from "../../../lib/emulator/db";
import { createOrgStore, seedDemoOrg, to18, type DmlRowResult, type OrgStore } from "../../../lib/emulator/org";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let db: TestDatabase;
let pool: pg.Pool;
let store: OrgStore;
let orgId: string;
let userId: string;

/** A well-formed id of the given prefix that names no record. */
const missingId = (prefix: string) => to18(`${prefix}Dn0zzzzzzzzz`);

const codes = (results: DmlRowResult[]) => results.map((r) => (r.success ? "OK" : r.errors[0].statusCode));

async function queryAll(soql: string, includeDeleted = false) {
  const run = await store.query(orgId, soql, { includeDeleted });
  const rows: Record<string, unknown>[] = [];
  for await (const chunk of run.rows()) rows.push(...chunk);
  return rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createEmulatorPool(db.url);
  await migrateEmulatorSchema(pool);
  const demo = await seedDemoOrg(pool, { seedRecords: false });
  orgId = demo.orgId;
  userId = demo.userId;
  store = createOrgStore(pool);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe("insert", () => {
  it("creates records with system fields and reports per-row errors in input order", async () => {
    const results = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "contact",
      rows: [
        { FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", Birthdate: "1815-12-10" },
        { FirstName: "No", LastName: "" },
        { LastName: "x".repeat(81) },
        { LastName: "Bad", Email: "not-an-email" },
        { LastName: "Bad", Birthdate: "10/12/1815" },
        { LastName: "Bad", HasOptedOutOfEmail: "maybe" },
        { LastName: "Bad", CreatedDate: "2020-01-01T00:00:00Z" },
        { LastName: "Bad", Name: "Computed" },
        { LastName: "Bad", AccountId: "garbage" },
        { LastName: "Bad", AccountId: missingId("001") },
        { LastName: "Bad", AccountId: missingId("003") },
        { LastName: "Bad", Nope__c: "x" },
        { LastName: "Bad", Id: missingId("003") },
      ],
    });
    expect(codes(results)).toEqual([
      "OK",
      "REQUIRED_FIELD_MISSING",
      "STRING_TOO_LONG",
      "INVALID_EMAIL_ADDRESS",
      "INVALID_TYPE_ON_FIELD_IN_RECORD",
      "INVALID_TYPE_ON_FIELD_IN_RECORD",
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      "MALFORMED_ID",
      "INVALID_CROSS_REFERENCE_KEY",
      "FIELD_INTEGRITY_EXCEPTION",
      "INVALID_FIELD",
      "INVALID_FIELD_FOR_INSERT_UPDATE",
    ]);
    expect(results[0]).toMatchObject({ success: true, created: true });
    expect(results[0].id).toMatch(/^003[0-9A-Za-z]{15}$/);
    expect(results[1]).toEqual({
      id: null,
      success: false,
      created: false,
      errors: [{ statusCode: "REQUIRED_FIELD_MISSING", message: "Required fields are missing: [LastName]", fields: ["LastName"] }],
    });
    expect(results[2].errors[0].message).toBe(`Last Name: data value too large: ${"x".repeat(81)} (max length=80)`);
    const [ada] = await queryAll(`SELECT Id, Name, OwnerId, CreatedById, IsDeleted, CreatedDate, Birthdate FROM Contact WHERE Id = '${results[0].id}'`);
    expect(ada).toMatchObject({ Name: "Ada Lovelace", OwnerId: userId, CreatedById: userId, IsDeleted: false, Birthdate: "1815-12-10" });
    expect(ada.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });

  it("applies CSV rules: empty is ignored, #N/A is null, defaults and restricted picklists", async () => {
    const results = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Invoice__c",
      rows: [
        { Name: "I-1", Status__c: "", Amount__c: "12.345" },
        { Name: "I-2", Status__c: "Bogus" },
        { Name: "I-3", Amount__c: "1e20" },
        { Name: "I-4", Amount__c: "abc" },
        { Name: "#N/A" },
      ],
    });
    expect(codes(results)).toEqual(["OK", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "NUMBER_OUTSIDE_VALID_RANGE", "INVALID_TYPE_ON_FIELD_IN_RECORD", "REQUIRED_FIELD_MISSING"]);
    expect(results[1].errors[0].message).toBe("Status: bad value for restricted picklist field: Bogus");
    const [row] = await queryAll(`SELECT Status__c, Amount__c, Paid__c FROM Invoice__c WHERE Id = '${results[0].id}'`);
    expect(row).toMatchObject({ Status__c: "Draft", Amount__c: 12.35, Paid__c: false });
  });

  it("accepts JSON-typed values and nested relationship objects", async () => {
    const [account] = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Account",
      format: "json",
      rows: [{ Name: "Json Co", External_Id__c: "JSON-1", NumberOfEmployees: 42, AnnualRevenue: 1000 }],
    });
    const results = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Contact",
      format: "json",
      rows: [
        { LastName: "Nested", Account: { External_Id__c: "json-1" }, DoNotCall: true },
        { LastName: "Missing", Account: { External_Id__c: "NOPE" } },
        { LastName: "Typed", Title: null, Description: "" },
      ],
    });
    expect(codes(results)).toEqual(["OK", "INVALID_FIELD", "OK"]);
    expect(results[1].errors[0].message).toBe("Foreign key external ID: NOPE not found for field External_Id__c in entity Account");
    const [row] = await queryAll(`SELECT AccountId, Account.NumberOfEmployees, DoNotCall FROM Contact WHERE Id = '${results[0].id}'`);
    expect(row).toMatchObject({ AccountId: account.id, Account: { NumberOfEmployees: 42 }, DoNotCall: true });
  });

  it("resolves CSV relationship columns and enforces unique external ids", async () => {
    const results = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Account",
      rows: [
        { Name: "Parent", External_Id__c: "P-1" },
        { Name: "Dup in batch", External_Id__c: "p-1" },
      ],
    });
    expect(codes(results)).toEqual(["OK", "DUPLICATE_VALUE"]);
    expect(results[1].errors[0].message).toBe(`duplicate value found: External_Id__c duplicates value on record with id: ${results[0].id}`);
    const again = await store.applyDml(orgId, userId, { operation: "insert", object: "Account", rows: [{ Name: "Dup in db", External_Id__c: "P-1" }] });
    expect(codes(again)).toEqual(["DUPLICATE_VALUE"]);
    const children = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Invoice__c",
      rows: [{ Name: "Child", "Account__r.External_Id__c": "P-1", "Owner.Username": "demo@bulk.example" }],
    });
    expect(codes(children)).toEqual(["OK"]);
    const [row] = await queryAll(`SELECT Account__r.Name, Owner.Name FROM Invoice__c WHERE Id = '${children[0].id}'`);
    expect(row).toMatchObject({ Account__r: { Name: "Parent" }, Owner: { Name: "Demo User" } });
  });

  it("refuses writes to the read-only User object", async () => {
    const results = await store.applyDml(orgId, userId, { operation: "insert", object: "User", rows: [{ LastName: "X" }] });
    expect(codes(results)).toEqual(["INSUFFICIENT_ACCESS_OR_READONLY"]);
  });
});

describe("update, upsert and deletes", () => {
  it("updates by 15- or 18-char id and reports id errors", async () => {
    const [created] = await store.applyDml(orgId, userId, { operation: "insert", object: "Lead", rows: [{ LastName: "Up", Company: "Co" }] });
    const id15 = created.id!.slice(0, 15);
    const results = await store.applyDml(orgId, userId, {
      operation: "update",
      object: "Lead",
      rows: [
        { Id: id15, Title: "CTO", Company: "" },
        { Id: "", Title: "x" },
        { Id: "bad", Title: "x" },
        { Id: missingId("00Q"), Title: "x" },
        { Id: created.id!.toLowerCase(), Title: "dup" },
        { Id: missingId("001"), Title: "x" },
      ],
    });
    expect(codes(results)).toEqual(["OK", "MISSING_ARGUMENT", "MALFORMED_ID", "INVALID_CROSS_REFERENCE_KEY", "DUPLICATE_VALUE", "MALFORMED_ID"]);
    expect(results[0]).toEqual({ id: created.id, success: true, created: false, errors: [] });
    expect(results[1].errors[0].message).toBe("Id not specified in an update call");
    const [row] = await queryAll(`SELECT Title, Company, Status FROM Lead WHERE Id = '${created.id}'`);
    expect(row).toMatchObject({ Title: "CTO", Company: "Co", Status: "Open - Not Contacted" });
    const cleared = await store.applyDml(orgId, userId, { operation: "update", object: "Lead", rows: [{ Id: created.id!, Company: "#N/A" }, { Id: created.id!, IsConverted: "true" }] });
    expect(codes(cleared)).toEqual(["REQUIRED_FIELD_MISSING", "DUPLICATE_VALUE"]);
    const readOnly = await store.applyDml(orgId, userId, { operation: "update", object: "Lead", rows: [{ Id: created.id!, IsConverted: "true" }] });
    expect(codes(readOnly)).toEqual(["INVALID_FIELD_FOR_INSERT_UPDATE"]);
  });

  it("upserts on an external id: created vs updated, duplicates in batch, missing key", async () => {
    const first = await store.applyDml(orgId, userId, {
      operation: "upsert",
      object: "Invoice__c",
      externalIdField: "External_Id__c",
      rows: [
        { Name: "U-1", External_Id__c: "UP-1", Amount__c: "10" },
        { Name: "U-2", External_Id__c: "UP-2" },
      ],
    });
    expect(first.map((r) => [r.success, r.created])).toEqual([[true, true], [true, true]]);
    const second = await store.applyDml(orgId, userId, {
      operation: "upsert",
      object: "Invoice__c",
      externalIdField: "external_id__c",
      rows: [
        { Name: "U-1 renamed", External_Id__c: "up-1" },
        { Name: "U-3", External_Id__c: "UP-3" },
        { Name: "Dup A", External_Id__c: "UP-4" },
        { Name: "Dup B", External_Id__c: "UP-4" },
        { Name: "No key", External_Id__c: "" },
      ],
    });
    expect(codes(second)).toEqual(["OK", "OK", "DUPLICATE_EXTERNAL_ID", "DUPLICATE_EXTERNAL_ID", "MISSING_ARGUMENT"]);
    expect(second[0]).toEqual({ id: first[0].id, success: true, created: false, errors: [] });
    expect(second[1].created).toBe(true);
    expect(second[2].errors[0].message).toBe("Duplicate external id specified: UP-4");
    const [row] = await queryAll(`SELECT Name, Amount__c FROM Invoice__c WHERE Id = '${first[0].id}'`);
    expect(row).toMatchObject({ Name: "U-1 renamed", Amount__c: 10 });
  });

  it("upserts on a non-unique idLookup field and fails when several records match", async () => {
    await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Contact",
      rows: [
        { LastName: "Twin 1", Email: "twin@example.com" },
        { LastName: "Twin 2", Email: "twin@example.com" },
      ],
    });
    const results = await store.applyDml(orgId, userId, {
      operation: "upsert",
      object: "Contact",
      externalIdField: "Email",
      rows: [{ LastName: "Who", Email: "TWIN@example.com" }],
    });
    expect(codes(results)).toEqual(["DUPLICATE_EXTERNAL_ID"]);
  });

  it("moves deleted rows to the recycle bin, visible to queryAll, and hardDelete purges", async () => {
    const created = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Case",
      rows: [{ Subject: "Del 1" }, { Subject: "Del 2" }, { Subject: "Del 3" }],
    });
    const [a, b, c] = created.map((r) => r.id!);
    const deleted = await store.applyDml(orgId, userId, { operation: "delete", object: "Case", rows: [{ Id: a }, { Id: b }, { Id: "bad" }, { Id: missingId("500") }] });
    expect(codes(deleted)).toEqual(["OK", "OK", "MALFORMED_ID", "INVALID_CROSS_REFERENCE_KEY"]);
    expect(deleted[0]).toEqual({ id: a, success: true, created: false, errors: [] });
    const again = await store.applyDml(orgId, userId, { operation: "delete", object: "Case", rows: [{ Id: a }] });
    expect(codes(again)).toEqual(["ENTITY_IS_DELETED"]);
    const update = await store.applyDml(orgId, userId, { operation: "update", object: "Case", rows: [{ Id: a, Subject: "x" }] });
    expect(codes(update)).toEqual(["ENTITY_IS_DELETED"]);

    const live = await queryAll("SELECT Id FROM Case WHERE Subject LIKE 'Del %'");
    expect(live.map((r) => r.Id)).toEqual([c]);
    const withDeleted = await queryAll("SELECT Id, IsDeleted FROM Case WHERE Subject LIKE 'Del %'", true);
    expect(withDeleted.map((r) => [r.Id, r.IsDeleted])).toEqual([[a, true], [b, true], [c, false]]);

    const purged = await store.applyDml(orgId, userId, { operation: "hardDelete", object: "Case", rows: [{ Id: a }, { Id: c }] });
    expect(codes(purged)).toEqual(["OK", "OK"]);
    const remaining = await queryAll("SELECT Id FROM Case WHERE Subject LIKE 'Del %'", true);
    expect(remaining.map((r) => r.Id)).toEqual([b]);
  });

  it("frees external ids of deleted records for reuse", async () => {
    const [first] = await store.applyDml(orgId, userId, { operation: "insert", object: "Account", rows: [{ Name: "Reuse", External_Id__c: "R-1" }] });
    await store.applyDml(orgId, userId, { operation: "delete", object: "Account", rows: [{ Id: first.id! }] });
    const upsert = await store.applyDml(orgId, userId, {
      operation: "upsert",
      object: "Account",
      externalIdField: "External_Id__c",
      rows: [{ Name: "Reuse 2", External_Id__c: "R-1" }],
    });
    expect(upsert[0]).toMatchObject({ success: true, created: true });
    expect(upsert[0].id).not.toBe(first.id);
  });

  it("moves an external id on update and refuses taking one that is in use", async () => {
    const [a, b] = await store.applyDml(orgId, userId, {
      operation: "insert",
      object: "Account",
      rows: [{ Name: "Move A", External_Id__c: "M-1" }, { Name: "Move B", External_Id__c: "M-2" }],
    });
    const taken = await store.applyDml(orgId, userId, { operation: "update", object: "Account", rows: [{ Id: b.id!, External_Id__c: "m-1" }] });
    expect(taken[0].errors[0]).toMatchObject({ statusCode: "DUPLICATE_VALUE", fields: ["External_Id__c"] });
    const moved = await store.applyDml(orgId, userId, { operation: "update", object: "Account", rows: [{ Id: a.id!, External_Id__c: "M-3" }] });
    expect(moved[0].success).toBe(true);
    const upsert = await store.applyDml(orgId, userId, {
      operation: "upsert",
      object: "Account",
      externalIdField: "External_Id__c",
      rows: [{ Name: "Move C", External_Id__c: "M-1" }, { Name: "Move A2", External_Id__c: "M-3" }],
    });
    expect(upsert.map((r) => [r.created, r.id === a.id])).toEqual([[true, false], [false, true]]);
  });
});

describe("concurrent batches", () => {
  it("never creates two records for one external id and never deadlocks", async () => {
    const keys = Array.from({ length: 200 }, (_, i) => `CC-${i}`);
    const batch = (order: string[]) =>
      store.applyDml(orgId, userId, {
        operation: "upsert",
        object: "Invoice__c",
        externalIdField: "External_Id__c",
        rows: order.map((key) => ({ Name: key, External_Id__c: key })),
      });
    const results = await Promise.all([batch(keys), batch([...keys].reverse()), batch(keys), batch([...keys].reverse())]);
    expect(results.flat().every((result) => result.success)).toBe(true);
    expect(results.flat().filter((result) => result.created)).toHaveLength(200);
    const { rows } = await pool.query(
      "SELECT count(*)::int AS n FROM emulator.records WHERE org_id = $1 AND object = 'Invoice__c' AND fields->>'External_Id__c' LIKE 'CC-%'",
      [orgId],
    );
    expect(rows[0].n).toBe(200);
  });
});

describe("checkHeader", () => {
  it("reports whole-batch errors the way Salesforce does", () => {
    expect(store.checkHeader(orgId, "Account", "insert", ["Name", "Foo"])).toEqual({ code: "InvalidBatch", message: "Field name not found : Foo" });
    expect(store.checkHeader(orgId, "Contact", "insert", ["LastName", "Account.External_Id__c", "Owner.Username"])).toBeNull();
    expect(store.checkHeader(orgId, "Contact", "insert", ["Account.Name"])).toEqual({ code: "InvalidBatch", message: "Field name not found : Account.Name" });
    expect(store.checkHeader(orgId, "Contact", "insert", ["Parent.Name"])).toEqual({ code: "InvalidBatch", message: "Field name not found : Parent.Name" });
    expect(store.checkHeader(orgId, "Task", "insert", ["Lead:Who.Email", "Subject"])).toBeNull();
    expect(store.checkHeader(orgId, "Foo", "insert", ["Name"])).toEqual({ code: "InvalidJob", message: "Unable to find object: Foo" });
    expect(store.checkHeader(orgId, "Account", "upsert", ["Name"], "Name")?.code).toBe("InvalidBatch");
    expect(store.checkHeader(orgId, "Account", "upsert", ["Name", "External_Id__c"], "External_Id__c")).toBeNull();
    expect(store.checkHeader(orgId, "Account", "delete", ["Id", "Whatever"])).toBeNull();
    expect(store.checkHeader(orgId, "Account", "insert", ["\uFEFFName", "Industry"])).toBeNull();
    expect(store.checkHeader(orgId, "Account", "insert", ["Name", "name"])?.message).toBe("Duplicate field name: name");
  });
});
