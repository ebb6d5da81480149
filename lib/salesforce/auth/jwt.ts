/** RS256 JWT for the OAuth 2.0 JWT bearer flow, signed with node:crypto (no extra dependency). */
import { createSign } from "node:crypto";

export interface JwtBearerClaims {
  clientId: string;
  username: string;
  /** `https://login.salesforce.com`, `https://test.salesforce.com` or a community URL. */
  audience: string;
  /** Lifetime in seconds; Salesforce accepts up to a few minutes. */
  expiresInSeconds?: number;
  now?: number;
}

export function signJwtBearerAssertion(claims: JwtBearerClaims, privateKeyPem: string): string {
  const issuedAt = Math.floor((claims.now ?? Date.now()) / 1000);
  const header = Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT" })).toString("base64url");
  const payload = Buffer.from(
    JSON.stringify({ iss: claims.clientId, sub: claims.username, aud: claims.audience, exp: issuedAt + (claims.expiresInSeconds ?? 180) }),
  ).toString("base64url");
  const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(privateKeyPem).toString("base64url");
  return `${header}.${payload}.${signature}`;
}
