/**
 * Browser tests against what the container runs: build the standalone server (scripts/build-standalone.ts,
 * into NEXT_DIST_DIR's folder), then Playwright, which starts it through scripts/e2e-server.ts.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function run(label: string, args: string[]): void {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("standalone build", ["--import", "tsx", path.join(root, "scripts", "build-standalone.ts")]);
run("playwright", [path.join(root, "node_modules", "@playwright", "test", "cli.js"), "test", ...process.argv.slice(2)]);
