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

  it("rejects out-of-range ports", () => {
    expect(() => parseEnv({ EMULATOR_PORT: "70000" })).toThrowError(/EMULATOR_PORT: must be a port number/);
  });
});
