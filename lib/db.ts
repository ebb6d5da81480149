import { PrismaPg } from "@prisma/adapter-pg";
import { getEnv } from "./env.mjs";
import { PrismaClient } from "./generated/prisma/client";

// One client per process; dev hot reloads would otherwise open a new pool on every edit.
const globalForDb = globalThis as unknown as { bulkConsoleDb?: PrismaClient };

class DatabaseNotConfiguredError extends Error {
  constructor() {
    super("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide it.");
  }
}

export function getDb(): PrismaClient {
  if (globalForDb.bulkConsoleDb) return globalForDb.bulkConsoleDb;
  const url = getEnv().DATABASE_URL;
  if (!url) throw new DatabaseNotConfiguredError();
  const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5_000 });
  globalForDb.bulkConsoleDb = new PrismaClient({ adapter });
  return globalForDb.bulkConsoleDb;
}
