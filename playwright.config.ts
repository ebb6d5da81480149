import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Runs on their own port (several at once on one checkout) keep their own artifacts, which Playwright clears at start.
const own = process.env.E2E_PORT ? `-${port}` : "";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `test-results/e2e${own}`,
  timeout: 60_000,
  // 2 shared cores in CI: a sign-up (scrypt) on a busy machine can take longer than the default 5 s.
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [
    ["list"],
    ["html", { outputFolder: own ? `test-results/playwright-report${own}` : "playwright-report", open: "never" }],
    ["json", { outputFile: `test-results/playwright${own}.json` }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      // No sandbox as root; the rest keeps Chromium from calling out of this offline machine.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node --import tsx scripts/e2e-server.ts ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM (not Playwright's default SIGKILL), so scripts/e2e-server.ts drops its database, stops PostgreSQL
    // and removes its copy of the standalone folder.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
