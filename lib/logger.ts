import pino, { type Logger } from "pino";
import { getEnv } from "./env.mjs";

/**
 * Secrets never reach a log line, whatever a caller passes in: these paths are censored at any
 * depth pino can express (top level, one and two levels down, and request/response headers).
 */
const SECRET_KEYS = [
  "password",
  "securityToken",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "sessionId",
  "session_id",
  "clientSecret",
  "client_secret",
  "secret",
  "encryptionKey",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "x-sfdc-session",
  "X-SFDC-Session",
];

const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  ...SECRET_KEYS.map((key) => `headers["${key}"]`),
  ...SECRET_KEYS.map((key) => `req.headers["${key}"]`),
];

export function createLogger(options: { level?: string; pretty?: boolean; destination?: pino.DestinationStream } = {}): Logger {
  const config: pino.LoggerOptions = {
    level: options.level ?? "info",
    base: { service: "bulk-console" },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (options.pretty && !options.destination) {
    return pino({ ...config, transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } });
  }
  return options.destination ? pino(config, options.destination) : pino(config);
}

const globalForLogger = globalThis as unknown as { bulkConsoleLogger?: Logger };

/** The process-wide logger: JSON in production, pretty in development. */
export function getLogger(): Logger {
  if (!globalForLogger.bulkConsoleLogger) {
    const env = getEnv();
    globalForLogger.bulkConsoleLogger = createLogger({ level: env.LOG_LEVEL, pretty: env.NODE_ENV === "development" });
  }
  return globalForLogger.bulkConsoleLogger;
}
