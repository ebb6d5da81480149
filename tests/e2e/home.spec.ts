import { expect, test } from "@playwright/test";

test("home page shows the product, a healthy database and the demo org", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bulk Console");
  await expect(page.getByRole("status").filter({ hasText: "Database" })).toHaveText("Database up");
  await expect(page.getByRole("status").filter({ hasText: "Demo org" })).toHaveText("Demo org up");
  await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });
});

test("health endpoint answers for load balancers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({ status: "ok", database: "up", emulator: "up" });
});
