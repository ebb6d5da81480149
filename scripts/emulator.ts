/** `npm run emulator`: the Salesforce org emulator alone, on DATABASE_URL or the embedded database. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openAppDatabase } from "../lib/database/local-database";
import { getEnv } from "../lib/env.mjs";
import { startChild } from "./children";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line: string) => console.log(`[emulator] ${line}`);

async function main() {
  const env = getEnv();
  const database = await openAppDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, projectRoot, log });
  const entry = path.join(projectRoot, "lib", "emulator", "cli.ts");
  const childEnv = { ...process.env, DATABASE_URL: database.url, EMULATOR_PORT: String(env.EMULATOR_PORT) };
  const emulator = startChild("emulator", process.execPath, ["--import", "tsx", entry], childEnv, (_name, code) => {
    void database.stop().then(() => process.exit(code ?? 0));
  });
  const stop = () => void emulator.stop();
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`[emulator] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
