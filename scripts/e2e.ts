/** Browser tests against a production build: build, then Playwright (which starts scripts/e2e-server.ts). */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string, ...rest: string[]) => path.join(root, "node_modules", name, ...rest);

function run(label: string, args: string[]): void {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("next build", [bin("next", "dist", "bin", "next"), "build"]);
run("playwright", [bin("@playwright", "test", "cli.js"), "test", ...process.argv.slice(2)]);
