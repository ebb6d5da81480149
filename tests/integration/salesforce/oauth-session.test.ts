/** OAuth flows, identity, revoke, and session expiry mid-job (refresh + replay) against the emulator. */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Bulk,
  buildAuthorizeUrl,
  createPkcePair,
  exchangeAuthorizationCode,
  getIdentity,
  randomState,
  revokeToken,
  SalesforceClient,
  type OAuthClientConfig,
  type Session,
} from "../../../lib/salesforce";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
let emulator: TestEmulator;
let oauth: OAuthClientConfig;

beforeAll(async () => {
  emulator = await startTestEmulator({ demo: { seedRecords: false, oauthJwtPublicKey: keys.publicKey.export({ type: "spki", format: "pem" }).toString() } });
  oauth = { clientId: emulator.demo.oauthClientId, clientSecret: emulator.demo.oauthClientSecret, loginUrl: emulator.url, redirectUri: "http://localhost:3000/oauth/callback" };
});

afterAll(async () => {
  await emulator?.close();
});

const newClient = (extra: ConstructorParameters<typeof SalesforceClient>[0] = {}) => new SalesforceClient({ allowedOrigins: [emulator.url], retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...extra });

/** Plays the browser: opens the authorize page, submits its login form, returns the redirect's code. */
async function authorize(challenge: string, state: string): Promise<URL> {
  const url = buildAuthorizeUrl(oauth, { state, codeChallenge: challenge });
  const page = await (await fetch(url, { redirect: "manual" })).text();
  const form = new URLSearchParams();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(match[1], match[2].replace(/&amp;/g, "&"));
  form.set("username", emulator.demo.username);
  form.set("password", emulator.demo.password);
  form.set("decision", "allow");
  const response = await fetch(`${emulator.url}/services/oauth2/authorize`, { method: "POST", body: form, redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

describe("OAuth", () => {
  it("web-server flow with PKCE, identity, refresh on expiry, revoke", async () => {
    const pkce = createPkcePair();
    const state = randomState();
    const redirect = await authorize(pkce.challenge, state);
    expect(redirect.searchParams.get("state")).toBe(state);
    const client = newClient();
    const wrong = await exchangeAuthorizationCode(client.connection.transport, oauth, redirect.searchParams.get("code")!, createPkcePair().verifier).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ errorCode: "invalid_grant" });

    const second = await authorize(pkce.challenge, state);
    const token = await exchangeAuthorizationCode(client.connection.transport, oauth, second.searchParams.get("code")!, pkce.verifier);
    expect(token.refreshToken).toBeTruthy();
    expect(token.instanceUrl).toBe(emulator.url);
    const identity = await getIdentity(client.connection.transport, token.identityUrl!, token.accessToken);
    expect(identity.username).toBe(emulator.demo.username);

    const refreshed: Session[] = [];
    const api = newClient({ oauth, session: { accessToken: token.accessToken, instanceUrl: token.instanceUrl, refreshToken: token.refreshToken }, onTokenRefresh: (s) => void refreshed.push(s) });
    await api.rest.limits();
    await emulator.admin("POST", "sessions/expire", { token: token.accessToken });
    await api.rest.limits();
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0].accessToken).not.toBe(token.accessToken);

    await revokeToken(client.connection.transport, emulator.url, token.refreshToken!);
    await emulator.admin("POST", "sessions/expire", { username: emulator.demo.username });
    await expect(api.rest.limits()).rejects.toMatchObject({ errorCode: "invalid_grant" });
  });

  it("password grant, client credentials and JWT bearer each log in and can call the API", async () => {
    const a = newClient();
    await a.loginWithOAuthPassword(oauth, emulator.demo.username, emulator.demo.password + emulator.demo.securityToken);
    expect((await a.rest.describeGlobal()).length).toBeGreaterThan(0);
    const b = newClient();
    await b.loginWithClientCredentials(oauth);
    expect(b.session?.accessToken).toBeTruthy();
    await b.rest.limits();
    const c = newClient();
    await c.loginWithJwt(oauth, emulator.demo.username, keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    await c.rest.limits();
    await expect(newClient().loginWithOAuthPassword(oauth, emulator.demo.username, "bad")).rejects.toMatchObject({ errorCode: "invalid_grant", status: 400 });
  });

  it("refuses an instance_url outside the allow-list", async () => {
    const strict = new SalesforceClient({ allowedOrigins: [] });
    await expect(strict.loginWithOAuthPassword(oauth, emulator.demo.username, "x")).rejects.toMatchObject({ errorCode: "HOST_NOT_ALLOWED" });
  });
});

describe("session expiry mid-job", () => {
  it("Bulk re-logs in with the stored SOAP credentials once and replays the call", async () => {
    const bulk = new Bulk({ loginUrl: emulator.url, allowedOrigins: [emulator.url] });
    await bulk.login(emulator.demo.username, emulator.demo.password, emulator.demo.securityToken);
    const first = bulk.client.session!.accessToken;
    await bulk.jobCreate("insert", "Account");
    await bulk.batchCreate([{ Name: "before expiry" }]);
    await emulator.admin("POST", "sessions/expire", { token: first });
    await bulk.batchCreate([{ Name: "after expiry" }]);
    expect(bulk.client.session!.accessToken).not.toBe(first);
    await bulk.jobClose();
    const stats = await emulator.admin<{ v1BatchesSubmitted: number }>("GET", "stats");
    expect(stats.v1BatchesSubmitted).toBe(2);
  });
});
