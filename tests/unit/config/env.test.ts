import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env.mjs";

describe("configuration", () => {
  it("needs nothing for a first run", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      DATA_DIR: ".data",
      LOG_LEVEL: "info",
      EMULATOR: "on",
      EMULATOR_PORT: 8787,
      RUNNER: "on",
      RUNNER_LEASE_SECONDS: 60,
      ENCRYPTION_KEY_VERSION: 1,
      OIDC_NAME: "Single sign-on",
    });
  });

  it("coerces numbers and treats empty variables as unset", () => {
    const env = parseEnv({ PORT: "4000", DATABASE_URL: "", EMULATOR: "off" });
    expect(env.PORT).toBe(4000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.EMULATOR).toBe("off");
  });

  it("accepts postgres and postgresql URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db:5432/app" }).DATABASE_URL).toBe("postgresql://u:p@db:5432/app");
    expect(parseEnv({ DATABASE_URL: "postgres://db/app" }).DATABASE_URL).toBe("postgres://db/app");
  });

  it("names every wrong variable and what it expects, in one message", () => {
    const attempt = () => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://db/app", EMULATOR: "maybe" });
    expect(attempt).toThrowError(/Invalid configuration/);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("PORT: must be a port number from 1 to 65535");
      expect(message).toContain("DATABASE_URL: must start with postgres:// or postgresql://");
      expect(message).toMatch(/EMULATOR: .*"on".*"off"/);
      expect(message).not.toContain("    at ");
    }
  });

  it("refuses a guessable cron secret and an unknown runner mode", () => {
    expect(() => parseEnv({ CRON_SECRET: "short" })).toThrowError(/CRON_SECRET: must be at least 16 characters/);
    expect(() => parseEnv({ RUNNER: "sometimes" })).toThrowError(/RUNNER: /);
    expect(parseEnv({ RUNNER: "off", CRON_SECRET: "0123456789abcdef0123" })).toMatchObject({ RUNNER: "off" });
  });

  it("bounds the runner lease and wants a long metrics token", () => {
    expect(() => parseEnv({ RUNNER_LEASE_SECONDS: "5" })).toThrowError(/RUNNER_LEASE_SECONDS: must be a whole number of seconds from 10 to 600/);
    expect(parseEnv({ RUNNER_LEASE_SECONDS: "10" })).toMatchObject({ RUNNER_LEASE_SECONDS: 10 });
    expect(() => parseEnv({ METRICS_TOKEN: "short" })).toThrowError(/METRICS_TOKEN: must be at least 16 characters/);
  });

  it("rejects out-of-range ports", () => {
    expect(() => parseEnv({ EMULATOR_PORT: "70000" })).toThrowError(/EMULATOR_PORT: must be a port number/);
  });

  it("accepts a 32-byte encryption key as hex or base64 and explains how to make one", () => {
    const hex = "ab".repeat(32);
    const base64 = Buffer.alloc(32, 7).toString("base64");
    expect(parseEnv({ ENCRYPTION_KEY: hex }).ENCRYPTION_KEY).toBe(hex);
    expect(parseEnv({ ENCRYPTION_KEY: base64 }).ENCRYPTION_KEY).toBe(base64);
    expect(() => parseEnv({ ENCRYPTION_KEY: "too-short" })).toThrowError(/ENCRYPTION_KEY: must be 32 random bytes.*openssl rand -base64 32/);
    expect(() => parseEnv({ ENCRYPTION_PREVIOUS_KEYS: "one" })).toThrowError(/ENCRYPTION_PREVIOUS_KEYS: must be a comma-separated list of version:key/);
    expect(parseEnv({ ENCRYPTION_KEY: hex, ENCRYPTION_KEY_VERSION: "3", ENCRYPTION_PREVIOUS_KEYS: `2:${base64}` }).ENCRYPTION_KEY_VERSION).toBe(3);
  });

  it("needs both halves of each sign-in provider's credentials", () => {
    expect(() => parseEnv({ GITHUB_ID: "abc" })).toThrowError(/GITHUB_SECRET: must be set together with GITHUB_ID/);
    expect(() => parseEnv({ OIDC_CLIENT_ID: "abc", OIDC_CLIENT_SECRET: "x" })).toThrowError(/OIDC_ISSUER: must be set together/);
    expect(() => parseEnv({ SALESFORCE_CLIENT_SECRET: "x" })).toThrowError(/SALESFORCE_CLIENT_ID: must be set together/);
    expect(parseEnv({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret" }).GOOGLE_CLIENT_ID).toBe("id");
  });

  it("wants a long auth secret", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrowError(/NEXTAUTH_SECRET: must be at least 32 characters/);
  });
});
