/**
 * `npm test`: every check, in order, stopping at the first failure: typecheck, lint (eslint,
 * the architecture's import rules, unused code), Vitest (unit + integration on real Postgres),
 * then the browser tests against a production build. Ends with one "N passed, N failed" line.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (...parts: string[]) => path.join(root, "node_modules", ...parts);
const results = path.join(root, "test-results");

interface Step {
  label: string;
  args: string[];
}

const steps: Step[] = [
  { label: "typecheck", args: [bin("typescript", "bin", "tsc"), "--noEmit"] },
  { label: "eslint", args: [bin("eslint", "bin", "eslint.js"), ".", "--max-warnings=0"] },
  {
    label: "import rules",
    args: [bin("dependency-cruiser", "bin", "dependency-cruise.mjs"), "app", "components", "lib", "scripts", "tests", "--config", ".dependency-cruiser.cjs"],
  },
  { label: "unused code", args: [bin("knip", "bin", "knip.js"), "--no-progress"] },
  {
    label: "vitest",
    args: [bin("vitest", "vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(results, "vitest.json")}`],
  },
  { label: "browser tests", args: [path.join(root, "scripts", "e2e.ts")] },
];

function counts(): { passed: number; failed: number } {
  const vitestFile = path.join(results, "vitest.json");
  const playwrightFile = path.join(results, "playwright.json");
  let passed = 0;
  let failed = 0;
  if (existsSync(vitestFile)) {
    const report = JSON.parse(readFileSync(vitestFile, "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (existsSync(playwrightFile)) {
    const report = JSON.parse(readFileSync(playwrightFile, "utf8")) as { stats: { expected: number; unexpected: number } };
    passed += report.stats.expected;
    failed += report.stats.unexpected;
  }
  return { passed, failed };
}

// Counts must come from this run only.
for (const file of ["vitest.json", "playwright.json"]) rmSync(path.join(results, file), { force: true });

const started = Date.now();
for (const step of steps) {
  const stepStarted = Date.now();
  console.log(`\n━━ ${step.label} ━━`);
  const isTs = step.args[0].endsWith(".ts");
  const args = isTs ? ["--import", "tsx", ...step.args] : step.args;
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1);
  // A report with failures fails the step even if the process exited 0 (an exit hook once swallowed vitest's code).
  if (result.status !== 0 || counts().failed > 0) {
    const { passed, failed } = counts();
    console.error(`\n✗ ${step.label} failed after ${seconds}s`);
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(result.status || 1);
  }
  console.log(`✓ ${step.label} (${seconds}s)`);
}
const { passed, failed } = counts();
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
console.log(`${passed} passed, ${failed} failed`);
