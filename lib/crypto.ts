/**
 * Secrets at rest: AES-256-GCM with a random 96-bit IV, bound to the row and purpose they belong to
 * (additional authenticated data), so a ciphertext copied into another row or field fails to decrypt.
 * Format: `v<keyVersion>.<iv>.<ciphertext>.<tag>` (base64url), so keys can rotate without a migration.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeKey, getEnv, type Env } from "./env.mjs";

export interface SecretBinding {
  /** What the secret is for, e.g. "org-connection.secrets". */
  purpose: string;
  /** The id of the row holding it. */
  rowId: string;
}

export interface Keyring {
  current: { version: number; key: Buffer };
  byVersion: Map<number, Buffer>;
}

type KeyEnv = Pick<Env, "ENCRYPTION_KEY" | "ENCRYPTION_KEY_VERSION" | "ENCRYPTION_PREVIOUS_KEYS">;

/** The current key and every previous one still needed to read older rows. */
export function keyringFrom(env: KeyEnv): Keyring {
  const current = env.ENCRYPTION_KEY ? decodeKey(env.ENCRYPTION_KEY) : null;
  if (!current) {
    throw new Error("ENCRYPTION_KEY is not set: start the app with `npm run dev` / `npm start` (which provide a dev key) or set it (see README).");
  }
  const byVersion = new Map<number, Buffer>();
  for (const entry of env.ENCRYPTION_PREVIOUS_KEYS?.split(",") ?? []) {
    const separator = entry.indexOf(":");
    byVersion.set(Number(entry.slice(0, separator).trim()), decodeKey(entry.slice(separator + 1)) as Buffer);
  }
  byVersion.set(env.ENCRYPTION_KEY_VERSION, current);
  return { current: { version: env.ENCRYPTION_KEY_VERSION, key: current }, byVersion };
}

let cachedKeyring: Keyring | undefined;

function defaultKeyring(): Keyring {
  cachedKeyring ??= keyringFrom(getEnv());
  return cachedKeyring;
}

const aad = (binding: SecretBinding) => Buffer.from(`bulk-console|${binding.purpose}|${binding.rowId}`, "utf8");

export function encryptSecret(plaintext: string, binding: SecretBinding, keyring: Keyring = defaultKeyring()): string {
  const { version, key } = keyring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(binding));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v" + version, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt a stored secret: ${reason}`);
    this.name = "DecryptionError";
  }
}

export function decryptSecret(stored: string, binding: SecretBinding, keyring: Keyring = defaultKeyring()): string {
  const parts = stored.split(".");
  const match = /^v(\d+)$/.exec(parts[0] ?? "");
  if (parts.length !== 4 || !match) throw new DecryptionError("unknown format");
  const key = keyring.byVersion.get(Number(match[1]));
  if (!key) throw new DecryptionError(`key version ${match[1]} is not configured (ENCRYPTION_PREVIOUS_KEYS)`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(parts[1], "base64url"));
    decipher.setAAD(aad(binding));
    decipher.setAuthTag(Buffer.from(parts[3], "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(parts[2], "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("wrong key, or the ciphertext does not belong to this row");
  }
}

/** True when a stored secret was written with an older key and should be re-encrypted. */
export function needsReencryption(stored: string, keyring: Keyring = defaultKeyring()): boolean {
  return !stored.startsWith(`v${keyring.current.version}.`);
}

export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

export const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest("hex");

// scrypt at N=2^15 takes ~50-100 ms: slow for guessing, fine for a sign-in.
const SCRYPT = { N: 32768, r: 8, p: 1, keyLength: 64, maxmem: 64 * 1024 * 1024 };

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, SCRYPT.keyLength, { N, r, p, maxmem: SCRYPT.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash that never matches, so unknown accounts cost the same time as known ones. */
export const DUMMY_PASSWORD_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$AAAAAAAAAAAAAAAAAAAAAA$${"A".repeat(86)}`;

export interface DevSecrets {
  encryptionKey: string;
  authSecret: string;
  file: string;
  created: boolean;
}

/**
 * Development default for a first run: a random ENCRYPTION_KEY and NEXTAUTH_SECRET kept in the data
 * folder (next to the embedded database whose secrets they protect). Production sets both explicitly.
 */
export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, "dev-secrets.json");
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { encryptionKey: string; authSecret: string };
    return { ...stored, file, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = { encryptionKey: randomBytes(32).toString("base64"), authSecret: randomBytes(32).toString("base64") };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return { ...secrets, file, created: true };
}
