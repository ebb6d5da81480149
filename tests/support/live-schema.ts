import pg from "pg";
import type { ExpectedColumn, ExpectedForeignKey, ExpectedIndex, ExpectedSchema } from "./prisma-model";

/** The same facts as ExpectedSchema, read from the `public` schema of a live database. */
export async function readLiveSchema(url: string): Promise<ExpectedSchema> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table: string }>(
      `SELECT table_name AS table FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    const columns = await client.query<ExpectedColumn>(
      `SELECT c.relname AS table, a.attname AS column,
              replace(format_type(a.atttypid, a.atttypmod), '"', '') AS type, a.attnotnull AS "notNull"
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
         AND c.relname <> '_prisma_migrations'`,
    );
    const indexes = await client.query<ExpectedIndex>(
      `SELECT t.relname AS table, i.indisunique AS unique,
              array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
    );
    const foreignKeys = await client.query<ExpectedForeignKey>(
      `SELECT t.relname AS table, rt.relname AS "referencedTable",
              array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
              array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS "referencedColumns"
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class rt ON rt.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    const enums = await client.query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname`,
    );
    return {
      tables: tables.rows.map((r) => r.table),
      columns: columns.rows,
      indexes: indexes.rows,
      foreignKeys: foreignKeys.rows,
      enums: Object.fromEntries(enums.rows.map((r) => [r.name, r.values])),
    };
  } finally {
    await client.end();
  }
}
