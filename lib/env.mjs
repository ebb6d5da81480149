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

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port(3000),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  EMULATOR: z.enum(["on", "off"]).default("on"),
  EMULATOR_PORT: port(8787),
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
