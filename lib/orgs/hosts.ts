/**
 * The outbound allow-list (architecture guide, Security): Salesforce login and My Domain hosts over
 * https, plus the built-in emulator's origin only while the emulator is enabled.
 */
import { getEnv } from "../env.mjs";
import { AppError } from "../errors";
import { isAllowedSalesforceUrl as isAllowedByClient } from "../salesforce";


/** The emulator as this server reaches it, and as browsers reach it (they may differ behind a proxy). */
export function emulatorOrigins(): string[] {
  const env = getEnv();
  if (env.EMULATOR !== "on") return [];
  const origins = new Set([`http://127.0.0.1:${env.EMULATOR_PORT}`, `http://localhost:${env.EMULATOR_PORT}`]);
  if (env.EMULATOR_PUBLIC_URL) origins.add(new URL(env.EMULATOR_PUBLIC_URL).origin);
  return [...origins];
}

export function isEmulatorEnabled(): boolean {
  return getEnv().EMULATOR === "on";
}

/** The emulator's URL for browsers (the OAuth consent page) and for this server. */
export function emulatorUrl(): string {
  const env = getEnv();
  return env.EMULATOR_PUBLIC_URL?.replace(/\/$/, "") ?? `http://localhost:${env.EMULATOR_PORT}`;
}

/** lib/salesforce's allow-list, with the emulator's origins while the emulator is enabled. */
export function isAllowedSalesforceUrl(value: string, extraOrigins: string[] = emulatorOrigins()): boolean {
  return isAllowedByClient(value, extraOrigins);
}

/** Throws a VALIDATION error naming the host when it is not a Salesforce host we may call. */
export function assertAllowedSalesforceUrl(value: string, what = "Login host"): string {
  if (!isAllowedSalesforceUrl(value)) {
    let host = value;
    try {
      host = new URL(value).host;
    } catch {
      // keep the raw value in the message
    }
    throw new AppError(
      "VALIDATION",
      `${what} ${host} is not an allowed Salesforce host. Use login.salesforce.com, test.salesforce.com or your My Domain (https://<name>.my.salesforce.com).`,
      { fieldErrors: { loginHost: `${host} is not an allowed Salesforce host.` } },
    );
  }
  return new URL(value).origin;
}

/** Turns what a person typed (a host name or URL) into an https origin to check. */
export function normalizeLoginHost(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, "");
  return /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
