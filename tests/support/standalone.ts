/**
 * The app as the container runs it: `sh -c "node migrate.mjs && exec node server.js"` in the standalone
 * folder written by scripts/build-standalone.ts, with the image's environment. Shared by the browser
 * tests' server (scripts/e2e-server.ts) and the replica tests, which start, kill -9 and restart several.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The Dockerfile's CMD (`sh -c` form); tests/e2e/standalone.spec.ts checks the Dockerfile still says this. */
export const IMAGE_COMMAND = "node migrate.mjs && exec node server.js";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const KEEP_LINES = 400;
const STOP_GRACE_MS = 10_000;

/** `<build folder>/standalone`, the folder the image copies to /app. */
export function standaloneDir(distDir = process.env.NEXT_DIST_DIR || ".next"): string {
  return path.join(projectRoot, distDir, "standalone");
}

function assertStandaloneBuilt(dir: string): void {
  for (const file of ["server.js", "migrate.mjs"]) {
    if (!existsSync(path.join(dir, file))) {
      throw new Error(`${path.join(dir, file)} is missing: run scripts/build-standalone.ts (npm run test:e2e does) first.`);
    }
  }
}

/**
 * Copies the standalone folder outside the project, as the image holds it in /app: a package missing
 * from its node_modules then fails here too, instead of being found in the project's node_modules.
 */
export function copyStandalone(dir: string): { dir: string; remove(): void } {
  assertStandaloneBuilt(dir);
  const parent = mkdtempSync(path.join(tmpdir(), "bulk-console-image-"));
  const app = path.join(parent, "app");
  // Next links traced externals with relative symlinks; keep them relative, as COPY does.
  cpSync(dir, app, { recursive: true, verbatimSymlinks: true });
  return { dir: app, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** A free TCP port on 127.0.0.1 (free when asked; the caller binds it right away). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StandaloneServer {
  name: string;
  port: number;
  url: string;
  /** After `exec`, the pid of `node server.js` itself (the runner's lease owner is `<host>:<pid>:…`). */
  pid: number;
  startedAt: number;
  process: ChildProcess;
  /** The last lines of stdout and stderr (migrate.mjs logs one JSON line, then the server's logs). */
  lines(): string[];
  /** Resolves with the milliseconds from spawn to the first `200` of /api/health. */
  healthy(timeoutMs?: number): Promise<number>;
  /** CPU seconds (user + system) the server process has used so far; 0 where /proc is not available. */
  cpuSeconds(): number;
  /** kill -9, as a crashed container or a host that lost power. */
  kill(): Promise<void>;
  /** SIGTERM (docker stop), then SIGKILL after 10 s like Docker. */
  stop(): Promise<void>;
}

export interface StandaloneOptions {
  name: string;
  dir: string;
  port: number;
  /** DATABASE_URL, NEXTAUTH_*, ENCRYPTION_KEY, EMULATOR_*, RUNNER_LEASE_SECONDS… */
  env: Record<string, string>;
  /** Copies every output line, prefixed with the name, to this process's stderr. */
  echo?: boolean;
}

export function startStandalone(options: StandaloneOptions): StandaloneServer {
  const { name, dir, port } = options;
  assertStandaloneBuilt(dir);
  const startedAt = Date.now();
  const child = spawn("sh", ["-c", IMAGE_COMMAND], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      // The image's ENV lines.
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      // Test harness only: a server whose test process died stops itself instead of lingering.
      NODE_OPTIONS: `--import ${path.join(projectRoot, "scripts", "exit-with-parent.mjs")}`,
      ...options.env,
    },
  });
  const kept: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        kept.push(line);
        if (kept.length > KEEP_LINES) kept.shift();
        if (options.echo) process.stderr.write(`[${name}] ${line}\n`);
      }
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;

  return {
    name,
    port,
    url,
    pid: child.pid ?? -1,
    startedAt,
    process: child,
    lines: () => [...kept],
    async healthy(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (!alive()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${kept.slice(-30).join("\n")}`);
        const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
        if (status === 200) return Date.now() - startedAt;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${name} was not healthy after ${timeoutMs} ms:\n${kept.slice(-30).join("\n")}`);
    },
    cpuSeconds: () => processCpuSeconds(child.pid ?? -1),
    async kill() {
      if (alive()) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (!alive()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Linux: utime + stime from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
