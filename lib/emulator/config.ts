/** Emulator settings: defaults, environment parsing (zod) and programmatic overrides. */
import { z } from "zod";

export interface FaultConfig {
  /** Seed of the fault PRNG: the same seed and request sequence give the same faults. */
  seed: number;
  /** Share (0-1) of API requests answered with HTTP 503 / a server fault. */
  errorRate: number;
  /** Share (0-1) of API requests whose socket is destroyed without an answer. */
  dropRate: number;
  /** "before": dropped requests are never handled; "after": handled (side effects happen), answer lost. */
  dropMode: "before" | "after";
  /** Share (0-1) of DML rows failing with UNABLE_TO_LOCK_ROW. */
  lockRowRate: number;
  /** After this many API requests every API request gets REQUEST_LIMIT_EXCEEDED (null = never). */
  requestLimitAfter: number | null;
  /** Extra time every batch / v2 job waits before processing. */
  slowBatchMs: number;
  /** Only requests whose path matches this regular expression get request faults (null = all API paths). */
  pathPattern: string | null;
}

export interface EmulatorConfig {
  port: number;
  host: string;
  tls: boolean;
  /** Origin written into serverUrl/instance_url; null = derived from each request's Host header. */
  publicUrl: string | null;
  sessionTtlSeconds: number;
  adminSecret: string | null;
  minApiVersion: number;
  maxApiVersion: number;
  /** Append `; charset=UTF-8` to Bulk v1 response content types. */
  v1Charset: boolean;
  /** Whether SOAP login() is enabled for versions below 65.0 (it is disabled by default in new real orgs). */
  soapLoginEnabled: boolean;
  maxBodyBytes: number;
  /** Bulk 2.0 query result page size when the client sends no maxRecords. */
  v2QueryPageSize: number;
  processing: {
    /** How long a batch / v2 job stays Queued / UploadComplete before a worker takes it. */
    latencyMs: number;
    pollIntervalMs: number;
    workers: number;
    /** Rows per applyDml call; progress is saved after each chunk. */
    chunkSize: number;
    /** A batch whose worker disappeared is taken over after this lease expires. */
    leaseMs: number;
    /** Throttle in records/second per worker (0 = as fast as possible). */
    recordsPerSecond: number;
  };
  limits: {
    dailyApiRequests: number;
    dailyBulkApiBatches: number;
    dailyBulkV2QueryJobs: number;
  };
  faults: FaultConfig;
  demo: {
    username?: string;
    sandboxUsername?: string;
    password?: string;
    securityToken?: string;
    oauthClientId?: string;
    oauthClientSecret?: string;
    oauthJwtPublicKey?: string;
    seedRecords: boolean;
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type EmulatorConfigOverrides = DeepPartial<EmulatorConfig>;

export const defaultFaults: FaultConfig = {
  seed: 1,
  errorRate: 0,
  dropRate: 0,
  dropMode: "before",
  lockRowRate: 0,
  requestLimitAfter: null,
  slowBatchMs: 0,
  pathPattern: null,
};

const defaultConfig: EmulatorConfig = {
  port: 8787,
  host: "0.0.0.0",
  tls: false,
  publicUrl: null,
  sessionTtlSeconds: 7200,
  adminSecret: null,
  minApiVersion: 31,
  maxApiVersion: 66,
  v1Charset: false,
  soapLoginEnabled: true,
  maxBodyBytes: 160 * 1024 * 1024,
  v2QueryPageSize: 100_000,
  processing: { latencyMs: 300, pollIntervalMs: 200, workers: 2, chunkSize: 2000, leaseMs: 30_000, recordsPerSecond: 0 },
  limits: { dailyApiRequests: 100_000, dailyBulkApiBatches: 15_000, dailyBulkV2QueryJobs: 10_000 },
  faults: defaultFaults,
  demo: { seedRecords: true },
};

const flag = z.enum(["1", "0", "true", "false"]).transform((value) => value === "1" || value === "true");
const int = z.coerce.number().int().nonnegative();
const rate = z.coerce.number().min(0).max(1);

const envSchema = z.object({
  EMULATOR_PORT: int.max(65_535).optional(),
  EMULATOR_HOST: z.string().min(1).optional(),
  EMULATOR_TLS: flag.optional(),
  EMULATOR_PUBLIC_URL: z.url().optional(),
  EMULATOR_SESSION_TTL_SECONDS: int.min(1).optional(),
  EMULATOR_ADMIN_SECRET: z.string().min(8).optional(),
  EMULATOR_MIN_API_VERSION: z.coerce.number().optional(),
  EMULATOR_MAX_API_VERSION: z.coerce.number().optional(),
  EMULATOR_V1_CHARSET: flag.optional(),
  EMULATOR_SOAP_LOGIN: flag.optional(),
  EMULATOR_V2_QUERY_PAGE_SIZE: int.min(1).optional(),
  EMULATOR_LATENCY_MS: int.optional(),
  EMULATOR_POLL_INTERVAL_MS: int.min(1).optional(),
  EMULATOR_WORKERS: int.min(1).max(32).optional(),
  EMULATOR_CHUNK_SIZE: int.min(1).max(10_000).optional(),
  EMULATOR_LEASE_MS: int.min(100).optional(),
  EMULATOR_RECORDS_PER_SECOND: int.optional(),
  EMULATOR_DAILY_API_REQUESTS: int.optional(),
  EMULATOR_DAILY_BULK_BATCHES: int.optional(),
  EMULATOR_DAILY_V2_QUERY_JOBS: int.optional(),
  EMULATOR_FAULT_SEED: z.coerce.number().int().optional(),
  EMULATOR_FAULT_ERROR_RATE: rate.optional(),
  EMULATOR_FAULT_DROP_RATE: rate.optional(),
  EMULATOR_FAULT_DROP_MODE: z.enum(["before", "after"]).optional(),
  EMULATOR_FAULT_LOCK_ROW_RATE: rate.optional(),
  EMULATOR_FAULT_REQUEST_LIMIT_AFTER: int.optional(),
  EMULATOR_FAULT_SLOW_BATCH_MS: int.optional(),
  EMULATOR_FAULT_PATH_PATTERN: z.string().min(1).optional(),
  EMULATOR_DEMO_USERNAME: z.string().min(3).optional(),
  EMULATOR_DEMO_PASSWORD: z.string().min(1).optional(),
  EMULATOR_DEMO_SECURITY_TOKEN: z.string().min(1).optional(),
  EMULATOR_DEMO_SEED_RECORDS: flag.optional(),
});

/** Overrides from `EMULATOR_*` variables; throws a readable error listing every invalid variable. */
export function configFromEnv(env: Record<string, string | undefined>): EmulatorConfigOverrides {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid emulator environment: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    port: e.EMULATOR_PORT,
    host: e.EMULATOR_HOST,
    tls: e.EMULATOR_TLS,
    publicUrl: e.EMULATOR_PUBLIC_URL,
    sessionTtlSeconds: e.EMULATOR_SESSION_TTL_SECONDS,
    adminSecret: e.EMULATOR_ADMIN_SECRET,
    minApiVersion: e.EMULATOR_MIN_API_VERSION,
    maxApiVersion: e.EMULATOR_MAX_API_VERSION,
    v1Charset: e.EMULATOR_V1_CHARSET,
    soapLoginEnabled: e.EMULATOR_SOAP_LOGIN,
    v2QueryPageSize: e.EMULATOR_V2_QUERY_PAGE_SIZE,
    processing: {
      latencyMs: e.EMULATOR_LATENCY_MS,
      pollIntervalMs: e.EMULATOR_POLL_INTERVAL_MS,
      workers: e.EMULATOR_WORKERS,
      chunkSize: e.EMULATOR_CHUNK_SIZE,
      leaseMs: e.EMULATOR_LEASE_MS,
      recordsPerSecond: e.EMULATOR_RECORDS_PER_SECOND,
    },
    limits: {
      dailyApiRequests: e.EMULATOR_DAILY_API_REQUESTS,
      dailyBulkApiBatches: e.EMULATOR_DAILY_BULK_BATCHES,
      dailyBulkV2QueryJobs: e.EMULATOR_DAILY_V2_QUERY_JOBS,
    },
    faults: {
      seed: e.EMULATOR_FAULT_SEED,
      errorRate: e.EMULATOR_FAULT_ERROR_RATE,
      dropRate: e.EMULATOR_FAULT_DROP_RATE,
      dropMode: e.EMULATOR_FAULT_DROP_MODE,
      lockRowRate: e.EMULATOR_FAULT_LOCK_ROW_RATE,
      requestLimitAfter: e.EMULATOR_FAULT_REQUEST_LIMIT_AFTER,
      slowBatchMs: e.EMULATOR_FAULT_SLOW_BATCH_MS,
      pathPattern: e.EMULATOR_FAULT_PATH_PATTERN,
    },
    demo: {
      username: e.EMULATOR_DEMO_USERNAME,
      password: e.EMULATOR_DEMO_PASSWORD,
      securityToken: e.EMULATOR_DEMO_SECURITY_TOKEN,
      seedRecords: e.EMULATOR_DEMO_SEED_RECORDS,
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge where `undefined` means "keep the base value". */
function mergeConfig<T>(base: T, overrides: DeepPartial<T> | undefined): T {
  if (!overrides) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value;
  }
  return out as T;
}

export function resolveConfig(overrides?: EmulatorConfigOverrides): EmulatorConfig {
  return mergeConfig(defaultConfig, overrides);
}
