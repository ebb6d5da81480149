import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import jsforce from "jsforce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

let emulator: TestEmulator;
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

beforeAll(async () => {
  emulator = await startTestEmulator({ demo: { oauthJwtPublicKey: publicKey.export({ type: "spki", format: "pem" }).toString() } });
});
afterAll(async () => {
  await emulator?.close();
});

function soapLogin(version: string, username: string, password: string) {
  const body = `<?xml version="1.0" encoding="utf-8" ?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>${username}</n1:username><n1:password>${password}</n1:password></n1:login></env:Body></env:Envelope>`;
  return fetch(`${emulator.url}/services/Soap/u/${version}/`, { method: "POST", headers: { "Content-Type": "text/xml", SOAPAction: "login" }, body });
}

function form(values: Record<string, string>) {
  return { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(values).toString() };
}

describe("SOAP login", () => {
  it("logs jsforce in and reports the emulator's origin as serverUrl", async () => {
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
    const info = await conn.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
    expect(info.organizationId).toBe(emulator.demo.orgId);
    expect(info.id).toBe(emulator.demo.userId);
    expect(conn.instanceUrl).toBe(emulator.url);
    expect(conn.accessToken).toMatch(new RegExp(`^${emulator.demo.orgId.slice(0, 15)}!`));
  });

  it("answers a wrong password with the exact INVALID_LOGIN fault", async () => {
    const response = await soapLogin("62.0", emulator.demo.username, "wrong");
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("text/xml;charset=UTF-8");
    expect(await response.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring><detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
    );
    const conn = new jsforce.Connection({ loginUrl: emulator.url, version: "62.0" });
    await expect(conn.login(emulator.demo.username, "nope")).rejects.toThrow(/INVALID_LOGIN/);
  });

  it("keeps the LoginResult element order and marks the sandbox user's org", async () => {
    const response = await soapLogin("62.0", emulator.demo.sandboxUsername, emulator.demo.password + emulator.demo.securityToken);
    const xml = await response.text();
    expect(response.status).toBe(200);
    const order = [...xml.matchAll(/<result>(.*)<\/result>/g)][0][1].match(/<(\w+)[ >/]/g)!.slice(0, 7);
    expect(order).toEqual(["<metadataServerUrl>", "<passwordExpired>", "<sandbox>", "<serverUrl>", "<sessionId>", "<userId>", "<userInfo>"]);
    expect(xml).toContain("<sandbox>true</sandbox>");
    expect(xml).toContain(`<serverUrl>${emulator.url}/services/Soap/u/62.0/${emulator.demo.sandboxOrgId.slice(0, 15)}</serverUrl>`);
  });

  it("refuses login() from API 65.0 on, as Salesforce now does", async () => {
    const response = await soapLogin("65.0", emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain(
      "<faultcode>sf:INVALID_OPERATION</faultcode><faultstring>INVALID_OPERATION: The SOAP Login operation is not available in the API version specified (65.0).",
    );
  });

  it("accepts gzip-compressed request bodies (force-wsc default)", async () => {
    const { gzipSync } = await import("node:zlib");
    const body = gzipSync(
      `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>${emulator.demo.username}</username><password>${emulator.demo.password}${emulator.demo.securityToken}</password></login></se:Body></se:Envelope>`,
    );
    const response = await fetch(`${emulator.url}//services//Soap/u/64.0/`, {
      method: "POST",
      headers: { "Content-Type": "text/xml; charset=UTF-8", "Content-Encoding": "gzip", SOAPAction: '""' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<sessionId>");
  });
});

describe("OAuth 2.0", () => {
  it("password grant logs jsforce in through OAuth and /limits counts the calls", async () => {
    const conn = new jsforce.Connection({
      oauth2: { loginUrl: emulator.url, clientId: emulator.demo.oauthClientId, clientSecret: emulator.demo.oauthClientSecret, redirectUri: "http://localhost:3000/cb" },
      version: "62.0",
    });
    await conn.login(emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
    const identity = await conn.identity();
    expect(identity.username).toBe(emulator.demo.username);
    const limits = await conn.limits();
    expect(limits.DailyApiRequests.Max).toBeGreaterThan(0);
    expect(limits.DailyApiRequests.Remaining).toBeLessThan(limits.DailyApiRequests.Max);
  });

  it("token errors have Salesforce's JSON body", async () => {
    const bad = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: "password", client_id: emulator.demo.oauthClientId, client_secret: emulator.demo.oauthClientSecret, username: emulator.demo.username, password: "x" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "invalid_grant", error_description: "authentication failure" });
    const unknown = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: "password", client_id: "nope" }));
    expect(await unknown.json()).toEqual({ error: "invalid_client_id", error_description: "client identifier invalid" });
    const grant = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: "magic" }));
    expect(await grant.json()).toEqual({ error: "unsupported_grant_type", error_description: "grant type not supported" });
  });

  it("web-server flow with PKCE issues a refresh token that refreshes and can be revoked", async () => {
    const verifier = randomBytes(64).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const redirectUri = "http://localhost:4567/callback";
    const query = new URLSearchParams({ response_type: "code", client_id: emulator.demo.oauthClientId, redirect_uri: redirectUri, state: "xyz", code_challenge: challenge, code_challenge_method: "S256", scope: "api refresh_token" });
    const page = await fetch(`${emulator.url}/services/oauth2/authorize?${query}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    const bad = await fetch(`${emulator.url}/services/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: emulator.demo.oauthClientId, redirect_uri: "https://evil.example/cb" })}`);
    expect(bad.status).toBe(400);
    const post = await fetch(`${emulator.url}/services/oauth2/authorize`, { ...form({ ...Object.fromEntries(query), username: emulator.demo.username, password: emulator.demo.password, decision: "allow" }), redirect: "manual" });
    expect(post.status).toBe(302);
    const location = new URL(post.headers.get("location")!);
    expect(location.searchParams.get("state")).toBe("xyz");
    const code = location.searchParams.get("code")!;
    const base = { grant_type: "authorization_code", code, client_id: emulator.demo.oauthClientId, client_secret: emulator.demo.oauthClientSecret, redirect_uri: redirectUri };
    const wrong = await fetch(`${emulator.url}/services/oauth2/token`, form({ ...base, code_verifier: "wrong-verifier" }));
    expect(await wrong.json()).toEqual({ error: "invalid_grant", error_description: "invalid code verifier" });
    // The failed attempt consumed the code, exactly like a used code on Salesforce.
    const again = await fetch(`${emulator.url}/services/oauth2/token`, form({ ...base, code_verifier: verifier }));
    expect((await again.json()).error).toBe("invalid_grant");

    const post2 = await fetch(`${emulator.url}/services/oauth2/authorize`, { ...form({ ...Object.fromEntries(query), username: emulator.demo.username, password: emulator.demo.password }), redirect: "manual" });
    const code2 = new URL(post2.headers.get("location")!).searchParams.get("code")!;
    const ok = await fetch(`${emulator.url}/services/oauth2/token`, form({ ...base, code: code2, code_verifier: verifier }));
    const tokens = (await ok.json()) as Record<string, string>;
    expect(Object.keys(tokens)).toEqual(["access_token", "refresh_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at"]);
    expect(tokens.instance_url).toBe(emulator.url);
    expect(tokens.id).toBe(`${emulator.url}/id/${emulator.demo.orgId}/${emulator.demo.userId}`);

    const refreshed = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: emulator.demo.oauthClientId }));
    const refreshedBody = (await refreshed.json()) as Record<string, string>;
    expect(refreshedBody.access_token).toBeTruthy();
    expect(refreshedBody.refresh_token).toBeUndefined();

    const revoke = await fetch(`${emulator.url}/services/oauth2/revoke`, form({ token: tokens.refresh_token }));
    expect(revoke.status).toBe(200);
    const afterRevoke = await fetch(`${emulator.url}/services/data/v62.0/limits`, { headers: { Authorization: `Bearer ${refreshedBody.access_token}` } });
    expect(afterRevoke.status).toBe(401);
    const dead = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: emulator.demo.oauthClientId }));
    expect(await dead.json()).toEqual({ error: "invalid_grant", error_description: "expired access/refresh token" });
  });

  it("JWT bearer grant verifies the RS256 assertion against the client's key", async () => {
    const assertion = (claims: Record<string, unknown>, key = privateKey) => {
      const head = Buffer.from(JSON.stringify({ alg: "RS256" })).toString("base64url");
      const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
      return `${head}.${body}.${sign("RSA-SHA256", Buffer.from(`${head}.${body}`), key).toString("base64url")}`;
    };
    const claims = { iss: emulator.demo.oauthClientId, sub: emulator.demo.username, aud: "https://login.salesforce.com", exp: Math.floor(Date.now() / 1000) + 180 };
    const grant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    const ok = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: grant, assertion: assertion(claims) }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Record<string, unknown>).refresh_token).toBeUndefined();
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const forged = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: grant, assertion: assertion(claims, other) }));
    expect(await forged.json()).toEqual({ error: "invalid_grant", error_description: "invalid assertion" });
    const expired = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: grant, assertion: assertion({ ...claims, exp: 1000 }) }));
    expect(((await expired.json()) as Record<string, string>).error).toBe("invalid_grant");
  });

  it("userinfo answers for a valid token and refuses a bad one", async () => {
    const login = await fetch(`${emulator.url}/services/oauth2/token`, form({ grant_type: "password", client_id: emulator.demo.oauthClientId, client_secret: emulator.demo.oauthClientSecret, username: emulator.demo.username, password: emulator.demo.password + emulator.demo.securityToken }));
    const { access_token } = (await login.json()) as { access_token: string };
    const info = await fetch(`${emulator.url}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${access_token}` } });
    expect(((await info.json()) as Record<string, string>).preferred_username).toBe(emulator.demo.username);
    const bad = await fetch(`${emulator.url}/services/oauth2/userinfo`, { headers: { Authorization: "Bearer nope" } });
    expect(bad.status).toBe(403);
  });
});
