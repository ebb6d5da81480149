import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";

// The health check reads DATABASE_URL through the validated env, so each case loads it fresh.
async function checkWith(databaseUrl: string | undefined) {
  vi.resetModules();
  if (databaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = databaseUrl;
  delete (globalThis as Record<string, unknown>).bulkConsoleDb;
  const { checkHealth } = await import("@/lib/health/check");
  return checkHealth();
}

describe("health check", () => {
  let db: TestDatabase;
  const original = process.env.DATABASE_URL;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => {
    const client = (globalThis as unknown as { bulkConsoleDb?: { $disconnect(): Promise<void> } }).bulkConsoleDb;
    void client?.$disconnect();
  });
  afterAll(async () => {
    if (original === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = original;
    await db.drop();
  });

  it("reports ok with the database up and the version", async () => {
    const report = await checkWith(db.url);
    expect(report).toMatchObject({ status: "ok", database: "up", problems: [] });
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("names the database as down when it cannot be reached, without leaking the URL", async () => {
    const report = await checkWith("postgres://secret-user:secret-pass@127.0.0.1:1/nowhere");
    expect(report).toMatchObject({ status: "down", database: "down", problems: ["database is unreachable"] });
    expect(JSON.stringify(report)).not.toMatch(/secret/);
  });

  it("says so when no database is configured", async () => {
    const report = await checkWith(undefined);
    expect(report).toMatchObject({ status: "down", database: "down", problems: ["database is not configured"] });
  });
});
