import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { defaultMigrationsDir, migrateDatabase } from "../../lib/database/migrations";
import { withDatabaseName } from "../../lib/database/url";
import { startPostgresForTests } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

/**
 * Starts one Postgres server for the whole run and prepares a migrated template database,
 * so each test file gets a fresh database with a cheap `CREATE DATABASE … TEMPLATE`.
 */
export default async function setup(project: TestProject) {
  const server = await startPostgresForTests();
  const templateDatabase = `bulk_console_template_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${templateDatabase}"`);
  await migrateDatabase(withDatabaseName(server.adminUrl, templateDatabase), defaultMigrationsDir());
  project.provide("adminDatabaseUrl", server.adminUrl);
  project.provide("templateDatabase", templateDatabase);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${templateDatabase}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await server.stop();
  };
}
