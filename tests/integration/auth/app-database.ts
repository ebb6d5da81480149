/**
 * Points this test file's process at a fresh app database before anything reads the configuration:
 * getEnv() and the Prisma client are created lazily on first use.
 */
import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../../support/database";

export async function useAppDatabase(env: Record<string, string> = {}): Promise<TestDatabase> {
  const db = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    LOG_LEVEL: "silent",
    EMULATOR: "on",
    ...env,
  });
  return db;
}

export const meta = { ip: "203.0.113.7", userAgent: "vitest" };
