import { describe, expect, it } from "vitest";
import { isAllowedSalesforceUrl, normalizeLoginHost } from "@/lib/orgs/hosts";

const emulator = ["http://127.0.0.1:8787"];

describe("Salesforce host allow-list", () => {
  it.each([
    "https://login.salesforce.com",
    "https://test.salesforce.com",
    "https://acme.my.salesforce.com",
    "https://acme--uat.sandbox.my.salesforce.com/services/Soap/u/64.0",
    "https://acme.develop.my.salesforce.com",
    "http://127.0.0.1:8787/services/oauth2/token",
  ])("allows %s", (url) => {
    expect(isAllowedSalesforceUrl(url, emulator)).toBe(true);
  });

  it.each([
    "http://login.salesforce.com",
    "https://login.salesforce.com:8443",
    "https://user:pw@login.salesforce.com",
    "https://evil.com",
    "https://login.salesforce.com.evil.com",
    "https://acme.my.salesforce.com.evil.com",
    "https://acme.my.site.com",
    "https://acme.lightning.force.com",
    "http://127.0.0.1:5432",
    "http://169.254.169.254/latest/meta-data",
    "not a url",
  ])("refuses %s", (url) => {
    expect(isAllowedSalesforceUrl(url, emulator)).toBe(false);
  });

  it("refuses the emulator when it is switched off", () => {
    expect(isAllowedSalesforceUrl("http://127.0.0.1:8787", [])).toBe(false);
  });

  it("turns a typed host into an https origin", () => {
    expect(normalizeLoginHost(" acme.my.salesforce.com/ ")).toBe("https://acme.my.salesforce.com");
    expect(normalizeLoginHost("https://acme.my.salesforce.com")).toBe("https://acme.my.salesforce.com");
  });
});
