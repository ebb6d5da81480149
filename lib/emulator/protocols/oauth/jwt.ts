/** Verifies RS256 JWT bearer assertions against the PEM certificate or public key configured on a client. */
import { createPublicKey, verify, X509Certificate, type KeyObject } from "node:crypto";

export interface JwtClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
}

function publicKeyFrom(pem: string): KeyObject {
  return pem.includes("BEGIN CERTIFICATE") ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Claims of a well-formed assertion (signature not yet checked), or null. */
export function decodeJwt(assertion: string): { header: Record<string, unknown>; claims: JwtClaims } | null {
  const parts = assertion.split(".");
  if (parts.length !== 3) return null;
  const header = decodeSegment(parts[0]);
  const claims = decodeSegment(parts[1]);
  return header && claims ? { header, claims: claims as JwtClaims } : null;
}

export function verifyRs256(assertion: string, pem: string): boolean {
  const [header, payload, signature] = assertion.split(".");
  if (!header || !payload || !signature) return false;
  try {
    return verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), publicKeyFrom(pem), Buffer.from(signature, "base64url"));
  } catch {
    return false;
  }
}
