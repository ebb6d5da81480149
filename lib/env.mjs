// Configuration, validated once. Plain JavaScript so next.config.mjs and the start scripts can load it.
import { z } from "zod";

const port = (fallback) =>
  z.coerce
    .number({ error: "must be a port number from 1 to 65535" })
    .int("must be a port number from 1 to 65535")
    .min(1, "must be a port number from 1 to 65535")
    .max(65535, "must be a port number from 1 to 65535")
    .default(fallback);

const postgresUrl = z
  .string()
  .url("must be a URL such as postgresql://user:password@host:5432/database")
  .refine((value) => /^postgres(ql)?:\/\//.test(value), "must start with postgres:// or postgresql://");

/** 32 random bytes, written as 64 hex characters or 44 base64 characters (`openssl rand -base64 32`). */
export function decodeKey(value) {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return bytes;
  }
  return null;
}

const KEY_MESSAGE = "must be 32 random bytes as 64 hex or 44 base64 characters (generate one with `openssl rand -base64 32`)";
const encryptionKey = z.string().refine((value) => decodeKey(value) !== null, KEY_MESSAGE);
const previousKeys = z
  .string()
  .refine(
    (value) =>
      value.split(",").every((entry) => {
        const match = /^\s*(\d+):(.+)$/.exec(entry);
        return match !== null && decodeKey(match[2]) !== null;
      }),
    `must be a comma-separated list of version:key pairs, e.g. 1:<old key>; each key ${KEY_MESSAGE}`,
  );

/** A sign-in provider needs both halves of its credentials or neither. */
const PROVIDER_PAIRS = [
  ["GITHUB_ID", "GITHUB_SECRET"],
  ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
  ["OIDC_CLIENT_ID", "OIDC_ISSUER"],
  ["SALESFORCE_CLIENT_ID", "SALESFORCE_CLIENT_SECRET"],
];

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port(3000),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  EMULATOR: z.enum(["on", "off"]).default("on"),
  RUNNER: z.enum(["on", "off"]).default("on"),
  RUNNER_LEASE_SECONDS: z.coerce
    .number({ error: "must be a whole number of seconds from 10 to 600" })
    .int("must be a whole number of seconds from 10 to 600")
    .min(10, "must be a whole number of seconds from 10 to 600")
    .max(600, "must be a whole number of seconds from 10 to 600")
    .default(60),
  CRON_SECRET: z.string().min(16, "must be at least 16 characters (generate one with `openssl rand -hex 32`)").optional(),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (generate one with `openssl rand -hex 32`)").optional(),
  EMULATOR_PORT: port(8787),
  EMULATOR_PUBLIC_URL: z.string().url("must be the emulator's URL as browsers reach it, e.g. http://localhost:8787").optional(),
  NEXTAUTH_URL: z.string().url("must be the public URL of this app, e.g. https://bulk.example.com").optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)").optional(),
  ENCRYPTION_KEY: encryptionKey.optional(),
  ENCRYPTION_KEY_VERSION: z.coerce
    .number({ error: "must be a whole number from 1 to 999" })
    .int("must be a whole number from 1 to 999")
    .min(1, "must be a whole number from 1 to 999")
    .max(999, "must be a whole number from 1 to 999")
    .default(1),
  ENCRYPTION_PREVIOUS_KEYS: previousKeys.optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  OIDC_ISSUER: z.string().url("must be the issuer URL of your OpenID Connect provider").optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  SALESFORCE_CLIENT_ID: z.string().optional(),
  SALESFORCE_CLIENT_SECRET: z.string().optional(),
}).superRefine((env, context) => {
  for (const [first, second] of PROVIDER_PAIRS) {
    if (Boolean(env[first]) !== Boolean(env[second])) {
      const missing = env[first] ? second : first;
      context.addIssue({ code: "custom", path: [missing], message: `must be set together with ${env[first] ? first : second}` });
    }
  }
});

/** @typedef {z.infer<typeof envSchema>} Env */

/** One line per problem, each naming the variable and what it expects. */
function describeEnvIssues(error) {
  return error.issues.map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`).join("\n");
}

/**
 * @param {Record<string, string | undefined>} source
 * @returns {Env}
 */
export function parseEnv(source = process.env) {
  // An empty variable means "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const error = new Error(`Invalid configuration:\n${describeEnvIssues(result.error)}`);
    error.name = "ConfigurationError";
    throw error;
  }
  return result.data;
}

/** @type {Env | undefined} */
let cached;

/** The validated configuration of this process. */
export function getEnv() {
  cached ??= parseEnv(process.env);
  return cached;
}
