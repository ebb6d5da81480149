/**
 * Shared setup of the job integration tests: an app database, a running emulator, a team with an
 * owner and a demo org connection (password login to the emulator), and helpers to upload CSVs and run
 * the runner until a job settles. Everything real: Postgres, HTTP, the emulator.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { MembershipContext } from "../../../lib/auth";
import { createJob } from "../../../lib/bulk-jobs/service";
import { getDb } from "../../../lib/db";
import type { EmulatorConfigOverrides } from "../../../lib/emulator";
import { createRunner, orgConnectionPort, type Runner, type RunnerSettings } from "../../../lib/jobs";
import { createConnection } from "../../../lib/orgs/mutations";
import { completeUpload, createUpload, putUploadPart } from "../../../lib/uploads/mutations";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

export const FAST: Partial<RunnerSettings> = {
  leaseMs: 30_000,
  pollMs: 30,
  maxPollMs: 200,
  retryMs: 30,
  pauseMs: 60_000,
  reconcileGraceMs: 0,
  readRetryDelayMs: 20,
  idleMs: 20,
};

export interface Harness {
  db: TestDatabase;
  emulator: TestEmulator;
  ctx: MembershipContext;
  connectionId: string;
  runner(settings?: Partial<RunnerSettings>, owner?: string): Runner;
  /** Creates a complete upload from rows (header first), sent in parts of `rowsPerPart`. */
  upload(rows: string[][], rowsPerPart?: number): Promise<string>;
  createJob(input: Record<string, unknown>): Promise<string>;
  /** Runs steps until the job is terminal (or the timeout); returns the job row. */
  settle(jobId: string, runner?: Runner, timeoutMs?: number): Promise<JobRow>;
  sfCount(object: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

type JobRow = Awaited<ReturnType<ReturnType<typeof getDb>["bulkJob"]["findUniqueOrThrow"]>>;

const TERMINAL = ["completed", "failed", "aborted"];

export function csvOf(rows: string[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",")).join("\n") + "\n";
}

export async function createHarness(emulatorOverrides?: EmulatorConfigOverrides): Promise<Harness> {
  const db = await createTestDatabase();
  const emulator = await startTestEmulator(emulatorOverrides);
  // getEnv() reads these once, on first use, so they are set before anything touches lib code.
  process.env.DATABASE_URL = db.url;
  process.env.EMULATOR = "on";
  process.env.EMULATOR_PORT = String(emulator.port);
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  process.env.LOG_LEVEL = "silent";

  const prisma = getDb();
  const user = await prisma.user.create({ data: { email: `owner-${randomBytes(4).toString("hex")}@example.com`, name: "Owner" } });
  const team = await prisma.team.create({ data: { name: "Data team" } });
  await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: "owner" } });
  const ctx: MembershipContext = {
    user: { id: user.id, email: user.email, name: user.name, sessionVersion: 0, currentTeamId: team.id },
    teamId: team.id,
    role: "owner",
  };
  const connectionId = await createConnection(
    {
      teamId: team.id,
      label: "Emulator",
      method: "soap",
      loginUrl: emulator.url,
      instanceUrl: emulator.url,
      sfOrgId: emulator.demo.orgId,
      sfUserId: emulator.demo.userId,
      sfUsername: emulator.demo.username,
      isSandbox: false,
      apiVersion: "62.0",
      clientId: null,
      createdById: user.id,
    },
    { password: emulator.demo.password, securityToken: emulator.demo.securityToken },
  );
  const emulatorDb = new pg.Pool({ connectionString: emulator.databaseUrl, max: 2 });
  const runners: Runner[] = [];

  const harness: Harness = {
    db,
    emulator,
    ctx,
    connectionId,
    runner(settings, owner) {
      const runner = createRunner({ portFor: orgConnectionPort, settings: { ...FAST, ...settings }, owner });
      runners.push(runner);
      return runner;
    },
    async upload(rows, rowsPerPart = 1_000) {
      const [header, ...data] = rows;
      const upload = await createUpload(ctx.teamId, user.id, { fileName: "accounts.csv", columns: header });
      let part = 0;
      for (let i = 0; i < data.length; i += rowsPerPart) {
        part += 1;
        await putUploadPart(ctx.teamId, upload.id, part, Buffer.from(csvOf(data.slice(i, i + rowsPerPart))));
      }
      await completeUpload(ctx.teamId, upload.id, { partCount: part, rowCount: data.length });
      return upload.id;
    },
    async createJob(input) {
      return (await createJob(ctx, { orgConnectionId: connectionId, ...input })).id;
    },
    async settle(jobId, runner = harness.runner(), timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const job = await prisma.bulkJob.findUniqueOrThrow({ where: { id: jobId } });
        if (TERMINAL.includes(job.state)) return job;
        if (Date.now() > end) {
          const events = await prisma.bulkJobEvent.findMany({ where: { bulkJobId: jobId }, orderBy: { createdAt: "desc" }, take: 8 });
          const last = events.map((e) => `${e.type}: ${e.message}`).join("\n  ");
          throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms; last events:\n  ${last}`);
        }
        const ran = await runner.runOnce();
        if (ran === 0) await new Promise((resolve) => setTimeout(resolve, 15));
      }
    },
    async sfCount(object, where = "TRUE") {
      const result = await emulatorDb.query<{ n: string }>(
        `SELECT count(*) AS n FROM emulator.records WHERE org_id = $1 AND object = $2 AND NOT is_deleted AND (${where})`,
        [emulator.demo.orgId, object],
      );
      return Number(result.rows[0].n);
    },
    async close() {
      await Promise.all(runners.map((r) => r.stop()));
      await emulatorDb.end();
      await prisma.$disconnect();
      await emulator.close();
      await db.drop();
    },
  };
  return harness;
}

/** `count` Account rows `Name,External_Id__c,NumberOfEmployees`; rows in `bad` get an empty Name (REQUIRED_FIELD_MISSING). */
export function accountRows(count: number, bad: Set<number> = new Set(), prefix = "acct"): string[][] {
  const rows: string[][] = [["Name", "External_Id__c", "NumberOfEmployees", "Note"]];
  for (let i = 1; i <= count; i += 1) {
    rows.push([bad.has(i) ? "" : `${prefix} ${i}`, `${prefix}-${i}`, String(i % 500), i % 7 === 0 ? "=HYPERLINK(\"x\")" : `note ${i}`]);
  }
  return rows;
}

export async function readStream(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}
