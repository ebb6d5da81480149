/** Host allow-list, PKCE, JWT signing, authorize URLs and the SOAP login version cap. */
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildAuthorizeUrl, createPkcePair, isAllowedSalesforceUrl, pkceChallenge, resolveLoginUrl, signJwtBearerAssertion } from "../../../lib/salesforce";
import { buildLoginEnvelope, soapLoginVersion } from "../../../lib/salesforce/auth/soap-login";

describe("host allow-list", () => {
  it.each([
    ["https://login.salesforce.com", true],
    ["https://test.salesforce.com/services/oauth2/token", true],
    ["https://acme.my.salesforce.com", true],
    ["https://acme--uat.sandbox.my.salesforce.com", true],
    ["https://LOGIN.SALESFORCE.COM", true],
    ["http://login.salesforce.com", false],
    ["https://login.salesforce.com:8443", false],
    ["https://evil.com", false],
    ["https://acme.my.salesforce.com.evil.com", false],
    ["https://evilmy.salesforce.com", false],
    ["https://user:pw@acme.my.salesforce.com", false],
    ["https://salesforce.com", false],
    ["http://127.0.0.1:8787", false],
    ["not a url", false],
  ])("%s → %s", (url, allowed) => {
    expect(isAllowedSalesforceUrl(url)).toBe(allowed);
  });

  it("allows explicitly listed extra origins only, by exact origin", () => {
    expect(isAllowedSalesforceUrl("http://127.0.0.1:8787/services/Soap/u/64.0", ["http://127.0.0.1:8787"])).toBe(true);
    expect(isAllowedSalesforceUrl("http://127.0.0.1:8788/", ["http://127.0.0.1:8787"])).toBe(false);
  });

  it("resolves production, sandbox and override login URLs", () => {
    expect(resolveLoginUrl({})).toBe("https://login.salesforce.com");
    expect(resolveLoginUrl({ sandbox: true })).toBe("https://test.salesforce.com");
    expect(resolveLoginUrl({ sandbox: true, loginUrl: "https://acme.my.salesforce.com/" })).toBe("https://acme.my.salesforce.com");
  });
});

describe("PKCE and the authorize URL", () => {
  it("matches the RFC 7636 test vector and creates fresh S256 pairs", () => {
    expect(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    const a = createPkcePair();
    const b = createPkcePair();
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.verifier.length).toBeGreaterThanOrEqual(43);
    expect(a.challenge).toBe(pkceChallenge(a.verifier));
  });

  it("builds the web-server flow URL with the challenge", () => {
    const url = new URL(buildAuthorizeUrl({ clientId: "cid", loginUrl: "https://login.salesforce.com", redirectUri: "https://app/cb" }, { state: "s1", codeChallenge: "ch" }));
    expect(url.pathname).toBe("/services/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: "code", client_id: "cid", redirect_uri: "https://app/cb", state: "s1", code_challenge: "ch", code_challenge_method: "S256" });
  });
});

describe("JWT bearer assertion", () => {
  it("is a valid RS256 JWT with Salesforce's claims", () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwt = signJwtBearerAssertion({ clientId: "cid", username: "u@example.com", audience: "https://login.salesforce.com", now: 1_700_000_000_000 }, privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    const [header, payload, signature] = jwt.split(".");
    expect(JSON.parse(Buffer.from(header, "base64url").toString())).toEqual({ alg: "RS256", typ: "JWT" });
    expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toEqual({ iss: "cid", sub: "u@example.com", aud: "https://login.salesforce.com", exp: 1_700_000_180 });
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), createPublicKey(publicKey.export({ type: "spki", format: "pem" })), Buffer.from(signature, "base64url"))).toBe(true);
  });
});

describe("SOAP login request", () => {
  it("caps the login version at 64.0 and escapes credentials", () => {
    expect(soapLoginVersion("66.0")).toBe("64.0");
    expect(soapLoginVersion("62.0")).toBe("62.0");
    expect(buildLoginEnvelope("a&b@example.com", "p<w>TOKEN")).toContain("<username>a&amp;b@example.com</username><password>p&lt;w&gt;TOKEN</password>");
  });
});
