import { chmod, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertReachableByPostgresUser,
  DataDirUnreachableError,
  startEmbeddedServer,
} from "@/lib/database/embedded-server";

async function countRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE TABLE IF NOT EXISTS survivors (n int)");
    await client.query("INSERT INTO survivors VALUES (1)");
    return (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM survivors")).rows[0].n;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), "embedded-pg-"));
    await chmod(parent, 0o755);
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it("keeps data across restarts and recovers from a server left running by kill -9", async () => {
    const dataDir = path.join(parent, "cluster");
    const first = await startEmbeddedServer({ dataDir });
    expect(await countRows(first.url)).toBe(1);
    const orphanPid = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    // The supervisor dies without stopping postgres: the server and its lock file stay behind.
    const second = await startEmbeddedServer({ dataDir });
    try {
      expect(() => process.kill(orphanPid, 0)).toThrow();
      expect(await countRows(second.url)).toBe(2);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it.runIf(userInfo().uid === 0)("explains when the postgres user cannot reach the data folder", async () => {
    const privateDir = path.join(parent, "private");
    await mkdir(privateDir, { mode: 0o700 });
    const attempt = assertReachableByPostgresUser(path.join(privateDir, "cluster"));
    await expect(attempt).rejects.toBeInstanceOf(DataDirUnreachableError);
    await expect(attempt).rejects.toThrow(`because ${privateDir} is private to its owner`);
  });

  it("accepts a folder every user can pass through", async () => {
    await expect(assertReachableByPostgresUser(path.join(parent, "cluster"))).resolves.toBeUndefined();
  });
});
