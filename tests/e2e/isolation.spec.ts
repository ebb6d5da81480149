import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { connectDemoInstantly, signIn, signUp, uniqueEmail } from "./helpers";

/** Every route handler under app/api with the HTTP methods it exports. */
function apiRoutes(): { path: string; methods: string[] }[] {
  const root = path.join(process.cwd(), "app", "api");
  const found: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b|as (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? m[2]);
        const route = "/" + path.relative(path.join(process.cwd(), "app"), dir).split(path.sep).join("/");
        found.push({ path: route, methods });
      }
    }
  };
  walk(root);
  return found;
}

// Public by design: the health check (load balancers) and next-auth's own endpoints (sign-in itself).
const PUBLIC = [/^\/api\/health$/, /^\/api\/auth\//];

test("every API route answers 401 without a session", async ({ playwright, baseURL }) => {
  const routes = apiRoutes().filter((route) => !PUBLIC.some((pattern) => pattern.test(route.path)));
  expect(routes.length).toBeGreaterThanOrEqual(6);
  const anonymous = await playwright.request.newContext({ baseURL });
  const checked: string[] = [];
  for (const route of routes) {
    const url = route.path.replace(/\[\.{0,3}[^\]]+\]/g, "c0ffee00-0000-4000-8000-000000000000");
    for (const method of route.methods) {
      const response = await anonymous.fetch(url, { method, headers: { origin: baseURL! }, data: method === "GET" ? undefined : {} });
      expect(response.status(), `${method} ${url}`).toBe(401);
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      expect(body.error?.code, `${method} ${url}`).toBe("UNAUTHENTICATED");
      checked.push(`${method} ${route.path}`);
    }
  }
  expect(checked).toEqual(expect.arrayContaining(["GET /api/orgs", "GET /api/orgs/[id]", "DELETE /api/orgs/[id]", "POST /api/orgs/[id]/test", "GET /api/orgs/oauth/callback", "GET /api/audit"]));
  await anonymous.dispose();
});

test("a user of another team gets 404 for every page and API route of this team's orgs", async ({ page, browser }) => {
  await signUp(page, uniqueEmail("alpha"), { teamName: "Alpha" });
  const { id } = await connectDemoInstantly(page);
  expect((await page.request.get(`/api/orgs/${id}`)).status()).toBe(200);

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUp(other, uniqueEmail("beta"), { teamName: "Beta" });
  const pageResponse = await other.goto(`/orgs/${id}`);
  expect(pageResponse?.status()).toBe(404);
  await expect(other.getByText("demo@bulk.example")).toHaveCount(0);
  expect((await other.request.get(`/api/orgs/${id}`)).status()).toBe(404);
  expect((await other.request.post(`/api/orgs/${id}/test`)).status()).toBe(404);
  expect((await other.request.delete(`/api/orgs/${id}`)).status()).toBe(404);
  const list = (await (await other.request.get("/api/orgs")).json()) as { connections: unknown[] };
  expect(list.connections).toEqual([]);
  // A made-up id answers exactly the same, so ids reveal nothing.
  expect((await other.request.get("/api/orgs/does-not-exist")).status()).toBe(404);
  // And the connection is untouched for its own team.
  expect((await page.request.get(`/api/orgs/${id}`)).status()).toBe(200);
  await otherContext.close();
});

test("legacy username + password + token: a clear failure, then a working connection", async ({ page }) => {
  await signUp(page, uniqueEmail("legacy"));
  const { instanceUrl } = await connectDemoInstantly(page);
  await page.goto("/orgs");
  await page.waitForLoadState("networkidle");
  const form = page.getByRole("region", { name: "Username, password and security token" });
  await expect(form).toContainText("Legacy — Salesforce retires this in 2027.");
  await form.getByLabel("Connection name").fill("Legacy demo");
  await form.getByLabel("Environment").selectOption("custom");
  await form.getByLabel("Login host").fill(instanceUrl);
  await form.getByLabel("Username").fill("demo@bulk.example");
  await form.getByLabel("Password").fill("not-the-password");
  await form.getByLabel("Security token").fill("DEMOTOKEN");
  await form.getByRole("button", { name: "Connect with password" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "Salesforce refused the login: INVALID_LOGIN: Invalid username, password, security token; or user locked out.",
  );
  await form.getByLabel("Password").fill("demo-password");
  await form.getByRole("button", { name: "Connect with password" }).click();
  await expect(page).toHaveURL(/\/orgs\?connected=1$/);
  await expect(page.getByRole("article").filter({ hasText: "Legacy demo" })).toContainText("Username + password (legacy)");

  // A host outside the allow-list is refused before any request, beside the field.
  await form.getByLabel("Connection name").fill("Evil");
  await form.getByLabel("Environment").selectOption("custom");
  await form.getByLabel("Login host").fill("evil.example.com");
  await form.getByLabel("Username").fill("x@example.com");
  await form.getByLabel("Password").fill("x");
  await form.getByRole("button", { name: "Connect with password" }).click();
  await expect(form.getByText("evil.example.com is not an allowed Salesforce host.")).toBeVisible();
});

test("failed sign-ins are rate-limited per account with a clear message", async ({ page }) => {
  const email = uniqueEmail("locked");
  await signUp(page, email);
  await page.context().clearCookies();
  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn(page, email, `wrong-${attempt}`);
    await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  }
  await signIn(page, email, "wrong-5");
  await expect(page.getByText(/Too many failed sign-ins for this account\. Try again in \d+ minutes?\./)).toBeVisible();
});

test("sign out everywhere ends the sessions of every browser", async ({ page, browser }) => {
  const email = uniqueEmail("everywhere");
  await signUp(page, email);
  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await signIn(other, email);
  await expect(other).toHaveURL(/\/orgs$/);
  expect((await other.request.get("/api/orgs")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The other browser still holds its cookie, but the session it names is no longer valid.
  expect((await other.request.get("/api/orgs")).status()).toBe(401);
  await other.goto("/orgs");
  await expect(other).toHaveURL(/\/sign-in\?callbackUrl=%2Forgs$/);
  await laptop.close();
});
