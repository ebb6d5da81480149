import { expect, test } from "@playwright/test";
import { connectDemoInstantly, signUp, uniqueEmail } from "./helpers";

/** Files the new-job form must refuse in words, beside the file input, without crashing or uploading anything. */
const FILES: { name: string; body: Buffer; message: RegExp }[] = [
  { name: "empty.csv", body: Buffer.alloc(0), message: /no rows|empty/i },
  { name: "header-only.csv", body: Buffer.from("Name,Description\n"), message: /header but no data rows/ },
  { name: "ragged.csv", body: Buffer.from("Name,Description\nAcme,ok\nGlobex\nInitech,ok,extra\n"), message: /different number of values than the header/ },
  { name: "binary.csv", body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]), message: /binary data/ },
];

test("the new-job form answers an empty, header-only, ragged and binary file with a clear message and no crash", async ({ page }) => {
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  await signUp(page, uniqueEmail("badinput"), { teamName: "Bad input team" });
  await connectDemoInstantly(page);
  await page.goto("/jobs/new");
  await expect(page.getByRole("heading", { level: 1, name: "New bulk job" })).toBeVisible();
  await page.getByLabel("Operation", { exact: true }).selectOption("insert");
  await page.getByLabel("Object", { exact: true }).selectOption("Account");
  await page.getByRole("button", { name: /^Next: file/ }).click();

  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/uploads")) uploads.push(request.url());
  });
  for (const file of FILES) {
    await page.getByLabel("CSV file").setInputFiles({ name: file.name, mimeType: "text/csv", buffer: file.body });
    const alert = page.getByRole("alert").filter({ hasText: file.message });
    await expect(alert, file.name).toBeVisible({ timeout: 10_000 });
    await expect(alert).not.toContainText(/at \w+ \(|\.tsx?:\d|TypeError/);
    await expect(page.getByRole("button", { name: /^Next: mapping/ })).toBeDisabled();
  }
  expect(uploads).toEqual([]);
  expect(pageErrors).toEqual([]);
});
