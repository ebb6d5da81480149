/**
 * `npm run emulator`: the emulator as its own process. Reads DATABASE_URL and EMULATOR_* (validated),
 * migrates, seeds the demo org on first start, prints the demo credentials, stops cleanly on SIGINT/SIGTERM.
 */
import { configFromEnv, startEmulator } from "./index";

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is required");
  const config = configFromEnv(process.env);
  const emulator = await startEmulator({ databaseUrl, config, log: (line) => console.error(`[emulator] ${line}`) });
  const demo = emulator.demo;
  const lines = [
    `Salesforce org emulator listening on ${emulator.url}`,
    `  SOAP login:      POST ${emulator.url}/services/Soap/u/62.0   (jsforce: loginUrl "${emulator.url}")`,
    `  OAuth token:     POST ${emulator.url}/services/oauth2/token`,
  ];
  if (demo) {
    lines.push(
      `  Username:        ${demo.username}`,
      `  Password:        ${demo.password}`,
      `  Security token:  ${demo.securityToken}`,
      `  Sandbox user:    ${demo.sandboxUsername} (same password and token)`,
      `  OAuth client id: ${demo.oauthClientId}`,
      `  OAuth secret:    ${demo.oauthClientSecret}`,
    );
  }
  if (emulator.config.adminSecret) lines.push(`  Admin API:       ${emulator.url}/__emulator/ (Bearer EMULATOR_ADMIN_SECRET)`);
  console.log(lines.join("\n"));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[emulator] ${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`[emulator] shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`[emulator] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
