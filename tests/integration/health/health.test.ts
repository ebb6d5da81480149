import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startTestEmulator } from "../../support/emulator";

// The health check reads DATABASE_URL through the validated env, so each case loads it fresh.
async function checkWith(databaseUrl: string | undefined, emulator: { port?: number; off?: boolean } = { off: true }) {
  vi.resetModules();
  process.env.EMULATOR = emulator.off ? "off" : "on";
  process.env.EMULATOR_PORT = String(emulator.port ?? 8787);
  if (databaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = databaseUrl;
  delete (globalThis as Record<string, unknown>).bulkConsoleDb;
  const { checkHealth } = await import("@/lib/health/check");
  return checkHealth();
}

describe("health check", () => {
  let db: TestDatabase;
  const original = { DATABASE_URL: process.env.DATABASE_URL, EMULATOR: process.env.EMULATOR, EMULATOR_PORT: process.env.EMULATOR_PORT };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => {
    const client = (globalThis as unknown as { bulkConsoleDb?: { $disconnect(): Promise<void> } }).bulkConsoleDb;
    void client?.$disconnect();
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(original)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await db.drop();
  });

  it("reports ok with the database up and the version", async () => {
    const report = await checkWith(db.url);
    expect(report).toMatchObject({ status: "ok", database: "up", emulator: "off", problems: [] });
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("names the database as down when it cannot be reached, without leaking the URL", async () => {
    const report = await checkWith("postgres://secret-user:secret-pass@127.0.0.1:1/nowhere");
    expect(report).toMatchObject({ status: "down", database: "down", problems: ["database is unreachable"] });
    expect(JSON.stringify(report)).not.toMatch(/secret/);
  });

  it("reports the demo org emulator when it is on, and only degrades when it is down", async () => {
    const emulator = await startTestEmulator();
    try {
      const up = await checkWith(db.url, { port: emulator.port });
      expect(up).toMatchObject({ status: "ok", emulator: "up", problems: [] });
    } finally {
      await emulator.close();
    }
    const down = await checkWith(db.url, { port: emulator.port });
    expect(down).toMatchObject({
      status: "degraded",
      database: "up",
      emulator: "down",
      problems: ["demo org emulator is not answering"],
    });
  });

  it("says so when no database is configured", async () => {
    const report = await checkWith(undefined);
    expect(report).toMatchObject({ status: "down", database: "down", problems: ["database is not configured"] });
  });
});
