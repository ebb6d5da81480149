import { spawn } from "node:child_process";
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startTestEmulator } from "../../support/emulator";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

function runCli(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/emulator/cli.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe("npm run emulator (lib/emulator/cli.ts)", () => {
  it("migrates, seeds, prints the demo credentials and stops cleanly on SIGTERM", async () => {
    const cli = runCli({ DATABASE_URL: database.url, EMULATOR_PORT: "0", EMULATOR_HOST: "127.0.0.1", EMULATOR_DEMO_SEED_RECORDS: "0" });
    let url = "";
    for (let i = 0; i < 300 && !url; i += 1) {
      url = /listening on (\S+)/.exec(cli.output().stdout)?.[1] ?? "";
      if (!url) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { stdout } = cli.output();
    const username = /Username:\s+(\S+)/.exec(stdout)![1];
    const password = /Password:\s+(\S+)/.exec(stdout)![1];
    const securityToken = /Security token:\s+(\S+)/.exec(stdout)![1];
    const login = await fetch(`${url}/services/Soap/u/62.0`, {
      method: "POST",
      headers: { "Content-Type": "text/xml", SOAPAction: '""' },
      body: `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>${username}</username><password>${password}${securityToken}</password></login></se:Body></se:Envelope>`,
    });
    expect(login.status).toBe(200);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  }, 60_000);

  it("refuses an invalid environment with a readable message", async () => {
    const cli = runCli({ DATABASE_URL: database.url, EMULATOR_PORT: "not-a-port" });
    expect(await cli.exited).toBe(1);
    expect(cli.output().stderr).toContain("Invalid emulator environment: EMULATOR_PORT");
  }, 30_000);
});

describe("TLS", () => {
  it("serves https with a self-signed certificate generated at start-up", async () => {
    const emulator = await startTestEmulator({ tls: true });
    try {
      expect(emulator.url).toMatch(/^https:\/\//);
      const body = `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>${emulator.demo.username}</username><password>${emulator.demo.password}${emulator.demo.securityToken}</password></login></se:Body></se:Envelope>`;
      const xml = await new Promise<string>((resolve, reject) => {
        const req = request(`${emulator.url}/services/Soap/u/62.0`, { method: "POST", rejectUnauthorized: false, headers: { "Content-Type": "text/xml" } }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end(body);
      });
      expect(xml).toContain(`<serverUrl>${emulator.url}/services/Soap/u/62.0/`);
    } finally {
      await emulator.close();
    }
  });
});
