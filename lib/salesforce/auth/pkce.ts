/** PKCE (RFC 7636) with the S256 method, as Salesforce recommends for the web-server flow. */
import { createHash, randomBytes } from "node:crypto";

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: "S256";
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function createPkcePair(): PkcePair {
  // 64 random bytes → 86 base64url chars, inside RFC 7636's 43..128 range.
  const verifier = randomBytes(64).toString("base64url");
  return { verifier, challenge: pkceChallenge(verifier), method: "S256" };
}

export function randomState(): string {
  return randomBytes(24).toString("base64url");
}
