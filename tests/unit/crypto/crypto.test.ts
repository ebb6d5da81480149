import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, hashPassword, keyringFrom, loadOrCreateDevSecrets, needsReencryption, verifyPassword } from "@/lib/crypto";
import { decodeKey, parseEnv } from "@/lib/env.mjs";

const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("hex");
const binding = { purpose: "org-connection.secrets", rowId: "team-1/conn-1" };
const v1 = keyringFrom(parseEnv({ ENCRYPTION_KEY: oldKey }));

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptSecret("5Aep861-refresh-token", binding, v1);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("5Aep861");
    expect(decryptSecret(sealed, binding, v1)).toBe("5Aep861-refresh-token");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", binding, v1)).not.toBe(encryptSecret("same", binding, v1));
  });

  it("refuses a ciphertext moved to another row or purpose", () => {
    const sealed = encryptSecret("secret", binding, v1);
    expect(() => decryptSecret(sealed, { ...binding, rowId: "team-2/conn-1" }, v1)).toThrow(/does not belong to this row/);
    expect(() => decryptSecret(sealed, { ...binding, purpose: "other" }, v1)).toThrow(/does not belong/);
  });

  it("refuses a tampered ciphertext and a wrong key", () => {
    const parts = encryptSecret("secret", binding, v1).split(".");
    const body = Buffer.from(parts[2], "base64url");
    body[0] ^= 1;
    expect(() => decryptSecret([parts[0], parts[1], body.toString("base64url"), parts[3]].join("."), binding, v1)).toThrow(/Cannot decrypt/);
    const other = keyringFrom(parseEnv({ ENCRYPTION_KEY: newKey }));
    expect(() => decryptSecret(parts.join("."), binding, other)).toThrow(/Cannot decrypt/);
  });
});

describe("key rotation", () => {
  it("reads rows written with a previous key version and flags them for re-encryption", () => {
    const sealedWithOld = encryptSecret("old secret", binding, v1);
    const v2 = keyringFrom(parseEnv({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_VERSION: "2", ENCRYPTION_PREVIOUS_KEYS: `1:${oldKey}` }));
    expect(decryptSecret(sealedWithOld, binding, v2)).toBe("old secret");
    expect(needsReencryption(sealedWithOld, v2)).toBe(true);
    const resealed = encryptSecret("old secret", binding, v2);
    expect(resealed.startsWith("v2.")).toBe(true);
    expect(needsReencryption(resealed, v2)).toBe(false);
  });

  it("names a missing previous key", () => {
    const sealedWithOld = encryptSecret("old secret", binding, v1);
    const v2only = keyringFrom(parseEnv({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_VERSION: "2" }));
    expect(() => decryptSecret(sealedWithOld, binding, v2only)).toThrow(/key version 1 is not configured/);
  });
});

describe("passwords", () => {
  it("hashes with scrypt and verifies", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("wrong", hash)).toBe(false);
  });
});

describe("development secrets", () => {
  it("are generated once into the data folder, readable by the owner only", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bc-secrets-"));
    const first = loadOrCreateDevSecrets(dir);
    const second = loadOrCreateDevSecrets(dir);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.encryptionKey).toBe(first.encryptionKey);
    expect(decodeKey(first.encryptionKey)?.length).toBe(32);
    expect(statSync(first.file).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(first.file, "utf8")).authSecret.length).toBeGreaterThanOrEqual(32);
  });
});
