import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";

/** What schema.prisma says the database must hold, in Postgres terms. */
export interface ExpectedColumn {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
}
export interface ExpectedIndex {
  table: string;
  columns: string[];
  unique: boolean;
}
export interface ExpectedForeignKey {
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}
export interface ExpectedSchema {
  tables: string[];
  columns: ExpectedColumn[];
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
  enums: Record<string, string[]>;
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

function nativeTypeName([name, args]: [string, string[]]): string {
  const withArgs = (base: string) => (args.length ? `${base}(${args.join(",")})` : base);
  const map: Record<string, () => string> = {
    Text: () => "text",
    VarChar: () => withArgs("character varying"),
    Char: () => withArgs("character"),
    Uuid: () => "uuid",
    Integer: () => "integer",
    SmallInt: () => "smallint",
    BigInt: () => "bigint",
    DoublePrecision: () => "double precision",
    Real: () => "real",
    Decimal: () => withArgs("numeric"),
    Boolean: () => "boolean",
    Date: () => "date",
    Timestamp: () => `timestamp(${args[0] ?? 6}) without time zone`,
    Timestamptz: () => `timestamp(${args[0] ?? 6}) with time zone`,
    JsonB: () => "jsonb",
    Json: () => "json",
    ByteA: () => "bytea",
  };
  const render = map[name];
  if (!render) throw new Error(`The drift check does not know the native type @db.${name}; teach it.`);
  return render();
}

/** Every .prisma file of the schema folder, as Prisma reads a multi-file schema. */
async function readSchemaFiles(schemaDir: string): Promise<[string, string][]> {
  const names = (await readdir(schemaDir)).filter((name) => name.endsWith(".prisma")).sort();
  return Promise.all(names.map(async (name) => [name, await readFile(path.join(schemaDir, name), "utf8")] as [string, string]));
}

export async function readExpectedSchema(schemaDir = path.resolve("prisma/schema")): Promise<ExpectedSchema> {
  const prismaSchema = await readSchemaFiles(schemaDir);
  const { datamodel } = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as Dmmf;
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const enumDbName = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    return field?.dbName ?? fieldName;
  };
  const columns: ExpectedColumn[] = [];
  const foreignKeys: ExpectedForeignKey[] = [];
  for (const model of datamodel.models) {
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.relationFromFields?.length) {
          const target = models.get(field.type)!;
          foreignKeys.push({
            table: tableOf(model),
            columns: field.relationFromFields.map((f) => columnOf(model, f)),
            referencedTable: tableOf(target),
            referencedColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
          });
        }
        continue;
      }
      const base =
        field.kind === "enum"
          ? enumDbName.get(field.type)!
          : field.nativeType
            ? nativeTypeName(field.nativeType)
            : SCALAR_TYPES[field.type];
      columns.push({
        table: tableOf(model),
        column: field.dbName ?? field.name,
        type: field.isList ? `${base}[]` : base,
        notNull: field.isRequired || field.isList,
      });
    }
  }
  const indexes = datamodel.indexes
    .filter((index) => index.type !== "fulltext")
    .map((index) => {
      const model = models.get(index.model)!;
      return {
        table: tableOf(model),
        columns: index.fields.map((f) => columnOf(model, f.name)),
        unique: index.type !== "normal",
      };
    });
  const enums = Object.fromEntries(
    datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]),
  );
  return { tables: datamodel.models.map(tableOf), columns, indexes, foreignKeys, enums };
}
