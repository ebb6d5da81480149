import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configFromEnv, resolveConfig } from "../../../lib/emulator/config";
import { createSelfSignedCertificate } from "../../../lib/emulator/http/tls";
import { normalizePath } from "../../../lib/emulator/http/request";
import { escapeXml, jsonDate, normalizeVersion, stringifyWithVersion, xmlDate } from "../../../lib/emulator/protocols/common/format";
import { decodeLocator, encodeLocator } from "../../../lib/emulator/protocols/bulk-v2/serialize";
import { releaseLabel } from "../../../lib/emulator/protocols/rest/handler";
import { faultXml } from "../../../lib/emulator/protocols/soap/envelopes";

describe("paths, versions and dates", () => {
  it("collapses doubled slashes and ignores a trailing slash", () => {
    expect(normalizePath("/services//data/v62.0/jobs/ingest//")).toBe("/services/data/v62.0/jobs/ingest");
    expect(normalizePath("//")).toBe("/");
    expect(normalizePath("/services/Soap/u/64.0/")).toBe("/services/Soap/u/64.0");
  });

  it("normalizes API versions and labels releases", () => {
    expect(normalizeVersion("v62.0")).toBe("62.0");
    expect(normalizeVersion("62")).toBe("62.0");
    expect(normalizeVersion("abc")).toBeNull();
    expect(releaseLabel(64)).toBe("Summer '25");
    expect(releaseLabel(65)).toBe("Winter '26");
    expect(releaseLabel(66)).toBe("Spring '26");
    expect(releaseLabel(31)).toBe("Summer '14");
  });

  it("prints apiVersion with one decimal and dates in both Salesforce forms", () => {
    expect(stringifyWithVersion({ apiVersion: 66, other: 66 })).toBe('{"apiVersion":66.0,"other":66}');
    const date = new Date("2015-12-15T21:41:45Z");
    expect(xmlDate(date)).toBe("2015-12-15T21:41:45.000Z");
    expect(jsonDate(date)).toBe("2015-12-15T21:41:45.000+0000");
    expect(escapeXml(`<a & "b">`)).toBe("&lt;a &amp; &quot;b&quot;&gt;");
  });

  it("encodes v2 locators like Salesforce (base64 without padding)", () => {
    expect(encodeLocator(10000)).toBe("MTAwMDA");
    expect(decodeLocator("MTAwMDA")).toBe(10000);
    expect(decodeLocator("!!")).toBeNull();
  });
});

describe("SOAP faults", () => {
  it("renders faults with the sf: prefixes simple-salesforce looks up", () => {
    const xml = faultXml("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session", "UnexpectedErrorFault");
    expect(xml).toContain("<faultcode>sf:INVALID_SESSION_ID</faultcode>");
    expect(xml).toContain("<sf:exceptionCode>INVALID_SESSION_ID</sf:exceptionCode>");
    expect(xml).toContain('<sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault">');
  });
});

describe("configuration", () => {
  it("reads EMULATOR_* variables and rejects invalid ones with every problem named", () => {
    const overrides = configFromEnv({ EMULATOR_PORT: "9999", EMULATOR_TLS: "1", EMULATOR_FAULT_ERROR_RATE: "0.25", EMULATOR_WORKERS: "3" });
    const config = resolveConfig(overrides);
    expect(config.port).toBe(9999);
    expect(config.tls).toBe(true);
    expect(config.faults.errorRate).toBe(0.25);
    expect(config.processing.workers).toBe(3);
    expect(config.processing.chunkSize).toBe(resolveConfig().processing.chunkSize);
    expect(() => configFromEnv({ EMULATOR_PORT: "x", EMULATOR_FAULT_DROP_RATE: "2" })).toThrow(/EMULATOR_PORT.*EMULATOR_FAULT_DROP_RATE/);
  });
});

describe("TLS", () => {
  it("makes a valid self-signed certificate for localhost without any network or openssl", () => {
    const { cert } = createSelfSignedCertificate(["localhost"]);
    const x509 = new X509Certificate(cert);
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(x509.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(x509.verify(x509.publicKey)).toBe(true);
  });
});
