import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { readLiveSchema } from "../../support/live-schema";
import { readExpectedSchema, type ExpectedSchema } from "../../support/prisma-model";

const sorted = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
const indexKey = (i: { table: string; columns: string[]; unique: boolean }) =>
  `${i.table}(${i.columns.join(",")})${i.unique ? " unique" : ""}`;

// The migrations are written by hand (the schema engine cannot run here), so this proves they
// build exactly what schema.prisma describes: any drift fails with the differing line.
describe("migrated schema matches prisma/schema/*.prisma", () => {
  let db: TestDatabase;
  let expected: ExpectedSchema;
  let live: ExpectedSchema;

  beforeAll(async () => {
    db = await createTestDatabase();
    [expected, live] = await Promise.all([readExpectedSchema(), readLiveSchema(db.url)]);
  });
  afterAll(() => db.drop());

  it("has every model's table and no other", () => {
    expect(live.tables.sort()).toEqual(expected.tables.sort());
  });

  it("has every field as a column with its type and nullability", () => {
    const key = (c: { table: string; column: string }) => `${c.table}.${c.column}`;
    expect(sorted(live.columns, key)).toEqual(sorted(expected.columns, key));
  });

  it("has every id, unique and index", () => {
    expect(live.indexes.map(indexKey).sort()).toEqual(expected.indexes.map(indexKey).sort());
  });

  it("has every relation as a foreign key", () => {
    const key = (f: { table: string; columns: string[]; referencedTable: string }) =>
      `${f.table}(${f.columns.join(",")})->${f.referencedTable}`;
    expect(sorted(live.foreignKeys, key)).toEqual(sorted(expected.foreignKeys, key));
  });

  it("has every enum with its values in order", () => {
    expect(live.enums).toEqual(expected.enums);
  });
});
