/**
 * Test helper: a fresh database plus a running emulator on a free port with near-zero processing latency.
 * Other areas' integration tests use it; keep the shape stable.
 *
 *   const emulator = await startTestEmulator();
 *   const conn = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
 *   await conn.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
 *   …
 *   await emulator.close();
 */
import { startEmulator, type EmulatorConfigOverrides, type RunningEmulator } from "../../lib/emulator";
import { createTestDatabase, type TestDatabase } from "./database";

const TEST_ADMIN_SECRET = "test-admin-secret";

interface TestEmulatorDemo {
  username: string;
  sandboxUsername: string;
  password: string;
  securityToken: string;
  oauthClientId: string;
  oauthClientSecret: string;
  orgId: string;
  userId: string;
  sandboxOrgId: string;
  sandboxUserId: string;
}

export interface TestEmulator {
  url: string;
  port: number;
  databaseUrl: string;
  adminSecret: string;
  demo: TestEmulatorDemo;
  /** Calls an admin endpoint (`/__emulator/…`) with the admin bearer token; returns the parsed JSON. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Stops the emulator (graceful) and starts it again on the same port and database. */
  restart(overrides?: EmulatorConfigOverrides): Promise<void>;
  /** Stops the emulator and drops the database. */
  close(): Promise<void>;
}

/** Near-zero latency and fast polling so tests don't wait; seeding of sample records is off unless asked. */
const FAST_TEST_CONFIG: EmulatorConfigOverrides = {
  adminSecret: TEST_ADMIN_SECRET,
  processing: { latencyMs: 0, pollIntervalMs: 10, workers: 2, leaseMs: 5_000 },
  demo: { seedRecords: false },
};

function merge(overrides: EmulatorConfigOverrides | undefined): EmulatorConfigOverrides {
  return {
    ...FAST_TEST_CONFIG,
    ...overrides,
    processing: { ...FAST_TEST_CONFIG.processing, ...overrides?.processing },
    demo: { ...FAST_TEST_CONFIG.demo, ...overrides?.demo },
  };
}

export async function startTestEmulator(overrides?: EmulatorConfigOverrides): Promise<TestEmulator> {
  const database: TestDatabase = await createTestDatabase();
  // EMULATOR_TEST_LOG=1 shows the emulator's own log lines (internal errors) while debugging a test.
  const quiet = process.env.EMULATOR_TEST_LOG ? (line: string) => console.error(`[emulator] ${line}`) : () => {};
  let config = merge(overrides);
  let running: RunningEmulator;
  try {
    running = await startEmulator({ databaseUrl: database.url, port: 0, host: "127.0.0.1", config, log: quiet });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const demo = running.demo!;
  const port = running.port;
  const emulator: TestEmulator = {
    url: running.url,
    port,
    databaseUrl: database.url,
    adminSecret: TEST_ADMIN_SECRET,
    demo: {
      username: demo.username,
      sandboxUsername: demo.sandboxUsername,
      password: demo.password,
      securityToken: demo.securityToken,
      oauthClientId: demo.oauthClientId,
      oauthClientSecret: demo.oauthClientSecret,
      orgId: demo.orgId,
      userId: demo.userId,
      sandboxOrgId: demo.sandboxOrgId,
      sandboxUserId: demo.sandboxUserId,
    },
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${emulator.url}/__emulator/${path.replace(/^\//, "")}`, {
        method,
        headers: { Authorization: `Bearer ${TEST_ADMIN_SECRET}`, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const value = (await response.json()) as T;
      if (!response.ok) throw new Error(`admin ${method} ${path} failed: ${response.status} ${JSON.stringify(value)}`);
      return value;
    },
    async restart(next?: EmulatorConfigOverrides) {
      await running.close();
      if (next) config = merge(next);
      running = await startEmulator({ databaseUrl: database.url, port, host: "127.0.0.1", config, log: quiet });
    },
    async close() {
      await running.close();
      await database.drop();
    },
  };
  return emulator;
}
