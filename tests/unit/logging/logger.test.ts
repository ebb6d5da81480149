import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ destination }) };
}

describe("logger", () => {
  it("writes one JSON object per line with level names and ISO time", () => {
    const { lines, logger } = capture();
    logger.info({ jobId: "job_1" }, "job started");
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: "info", msg: "job started", jobId: "job_1", service: "bulk-console" });
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("never writes a secret, at the top level or nested, or in headers", () => {
    const { lines, logger } = capture();
    logger.warn(
      {
        password: "hunter2",
        org: { refreshToken: "5Aep861-refresh", credentials: { clientSecret: "sek" } },
        req: { headers: { authorization: "Bearer 00D!abc", "x-sfdc-session": "00D!def", accept: "text/csv" } },
      },
      "login failed",
    );
    const text = lines.join("");
    for (const secret of ["hunter2", "5Aep861-refresh", "sek", "00D!abc", "00D!def"]) expect(text).not.toContain(secret);
    expect(text).toContain("text/csv");
    expect(JSON.parse(lines[0]).org.refreshToken).toBe("[redacted]");
  });
});
