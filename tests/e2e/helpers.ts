import { expect, type Page } from "@playwright/test";

const PASSWORD = "correct horse battery staple";

/** Unique per run, so the tests never depend on what an earlier run left behind. */
export function uniqueEmail(name: string): string {
  return `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

export async function signUp(page: Page, email: string, options: { teamName?: string; viaInvite?: boolean } = {}) {
  if (!options.viaInvite) await page.goto("/sign-up");
  // The form is a client component: wait until it is hydrated before typing.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Your name").fill(email.split("@")[0]);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  if (options.teamName) await page.getByLabel("Team name").fill(options.teamName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Org connections" })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Connects the built-in demo org without the consent page; returns the connection id. */
export async function connectDemoInstantly(page: Page): Promise<{ id: string; instanceUrl: string }> {
  await page.goto("/orgs");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Connect instantly" }).click();
  await expect(page).toHaveURL(/\/orgs\?connected=1$/);
  const response = await page.request.get("/api/orgs");
  const body = (await response.json()) as { connections: { id: string; instanceUrl: string }[] };
  return body.connections[body.connections.length - 1];
}
