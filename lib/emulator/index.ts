/**
 * Public entry of the Salesforce org emulator: `startEmulator` migrates the `emulator` schema, seeds the
 * demo org (first start only), starts the processing loop and serves every protocol on one origin.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { resolveConfig, type EmulatorConfig, type EmulatorConfigOverrides } from "./config";
import { createEmulatorPool, migrateEmulatorSchema } from "./db";
import { FaultInjector } from "./faults/injector";
import type { EmulatorContext } from "./http/context";
import { createRequestListener } from "./http/server";
import { createSelfSignedCertificate } from "./http/tls";
import { createOrgStore, seedDemoOrg, type DemoOrgResult } from "./org";
import { startProcessing } from "./processing/loop";

export { configFromEnv } from "./config";
export type { EmulatorConfigOverrides } from "./config";

export interface StartEmulatorOptions {
  databaseUrl: string;
  /** 0 = any free port. Defaults to the config's port (8787). */
  port?: number;
  host?: string;
  tls?: boolean;
  config?: EmulatorConfigOverrides;
  /** Seed the demo org when it does not exist yet (default true). */
  seed?: boolean;
  log?: (line: string) => void;
}

export interface RunningEmulator {
  url: string;
  port: number;
  config: EmulatorConfig;
  /** The demo org's credentials (undefined when seeding was disabled). */
  demo: DemoOrgResult | undefined;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const config = resolveConfig({
    ...options.config,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
  });
  const log = options.log ?? ((line: string) => console.error(`[emulator] ${line}`));
  const pool = createEmulatorPool(options.databaseUrl, { max: config.processing.workers + 8 });
  pool.on("error", (error) => log(`database pool error: ${error.message}`));
  try {
    await migrateEmulatorSchema(pool);
    const d = config.demo;
    const demo =
      options.seed === false
        ? undefined
        : await seedDemoOrg(pool, {
            username: d.username,
            sandboxUsername: d.sandboxUsername,
            password: d.password,
            securityToken: d.securityToken,
            oauthClientId: d.oauthClientId,
            oauthClientSecret: d.oauthClientSecret,
            oauthJwtPublicKey: d.oauthJwtPublicKey,
            seedRecords: d.seedRecords,
          });
    const processing = { kick: () => {} };
    const ctx: EmulatorContext = {
      config,
      pool,
      store: createOrgStore(pool),
      faults: new FaultInjector(config.faults),
      kick: () => processing.kick(),
      log,
    };
    const listener = createRequestListener(ctx);
    const server = config.tls
      ? createHttpsServer(createSelfSignedCertificate(["localhost"]), listener)
      : createHttpServer(listener);
    server.keepAliveTimeout = 5_000;
    const port = await listen(server, config.port, config.host);
    ctx.config.port = port;
    const loop = startProcessing(ctx);
    processing.kick = loop.kick;
    const displayHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    const url = config.publicUrl ?? `${config.tls ? "https" : "http"}://${displayHost}:${port}`;
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      config,
      demo,
      close: () => {
        closing ??= (async () => {
          // In-flight requests get a moment to finish; idle keep-alive sockets close at once.
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), 1_000).unref();
          });
          await loop.stop();
          await pool.end();
        })();
        return closing;
      },
    };
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
