/** The emulator's own Postgres access: a pool and the `emulator` schema migrations. */
import pg from "pg";

export { migrateEmulatorSchema } from "./migrate";

export function createEmulatorPool(databaseUrl: string, options: { max?: number } = {}): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10, application_name: "bulk-console-emulator" });
}
