/**
 * The server every browser spec talks to is the container's: the standalone build started with the
 * image's command (scripts/e2e-server.ts). This spec proves the parts that make it so: the Dockerfile
 * runs that same command on that same folder, migrate.mjs migrated the empty database, and a person
 * signs in and runs a small job to completion in Chromium.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import pg from "pg";
import { readE2eServerInfo } from "../support/e2e-server-info";
import { createJobThrough } from "../support/replicas";
import { IMAGE_COMMAND } from "../support/standalone";
import { connectDemoInstantly, signIn, signUp, uniqueEmail } from "./helpers";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const ROWS = 25;

test("the Dockerfile builds the standalone folder and runs the image command this server was started with", () => {
  const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
  expect(dockerfile).toContain("RUN node --import tsx scripts/build-standalone.ts");
  expect(dockerfile).toMatch(/^COPY --from=build --chown=app:app \/app\/\.next\/standalone \.\/$/m);
  expect(dockerfile).toMatch(/^ENV NODE_ENV=production\b/m);
  expect(dockerfile).toContain(`CMD ["sh", "-c", "${IMAGE_COMMAND}"]`);
});

test("migrate.mjs migrated the fresh database, recorded as prisma migrate deploy records it, and the server answers healthy", async ({ request }) => {
  const info = await readE2eServerInfo();
  expect(info.healthyAfterMs, "time from the image command to the first healthy answer").not.toBeNull();
  test.info().annotations.push({ type: "time to first healthy answer", description: `${info.healthyAfterMs} ms` });
  console.log(`standalone server: first healthy answer ${info.healthyAfterMs} ms after spawning the image command`);

  const migrationsDir = path.join(root, "prisma", "migrations");
  const expected = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      name: entry.name,
      checksum: createHash("sha256").update(readFileSync(path.join(migrationsDir, entry.name, "migration.sql"), "utf8")).digest("hex"),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const client = new pg.Client({ connectionString: info.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished: boolean; rolled_back: boolean; steps: number }>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back,
              applied_steps_count AS steps
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }))).toEqual(expected);
    for (const row of rows) expect(row, row.migration_name).toMatchObject({ finished: true, rolled_back: false, steps: 1 });
  } finally {
    await client.end();
  }

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: "up", emulator: "up" });
});

test("in Chromium a person signs in and a small insert job runs to completion with every row's result stored", async ({ page }) => {
  const email = uniqueEmail("standalone");
  await signUp(page, email, { teamName: "Standalone team" });
  await page.context().clearCookies();
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: "Org connections" })).toBeVisible();
  const org = await connectDemoInstantly(page);

  // The job goes in through the public API with this browser's session (the new-job wizard has its own
  // specs); Chromium then watches it run to the end on its page.
  const marker = `standalone-${Date.now().toString(36)}`;
  const jobId = await createJobThrough(page.request, "", org.id, { label: "standalone", api: "v1", rows: ROWS, marker });
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Account · insert" })).toBeVisible();
  await expect(page.getByTestId("job-state")).toHaveText("Completed", { timeout: 40_000 });
  await expect(page.getByTestId("count-processed")).toHaveText(String(ROWS));
  await expect(page.getByTestId("count-failed")).toHaveText("0");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download successes" }).click();
  const download = await downloadPromise;
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const parsed = Papa.parse<Record<string, string>>(Buffer.concat(chunks).toString("utf8").trim(), { header: true });
  expect(parsed.data.map((row) => row.Name).sort()).toEqual(Array.from({ length: ROWS }, (_, index) => `${marker} ${index}`).sort());
  for (const row of parsed.data) expect(row.sf__Id).toMatch(/^001[A-Za-z0-9]{15}$/);
});
