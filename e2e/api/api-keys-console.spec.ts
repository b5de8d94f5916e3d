import { expect, test } from "@/e2e/support/auth";
import { bearer, uniqueName } from "./fixtures";

test.use({ role: "owner" });

test("an owner creates a key, a bot declares an incident with it, and revoking it locks the bot out", async ({
  page,
  request,
}) => {
  await page.goto("/admin/api-keys");
  const keyName = uniqueName("Pager bot");
  await page.getByLabel("Name", { exact: true }).fill(keyName);
  await page.getByLabel("Role", { exact: true }).selectOption("responder");
  await page.getByRole("button", { name: "Create API key" }).click();
  const tokenField = page.getByLabel("New API key");
  await expect(tokenField).toHaveValue(/^sp_/);
  const token = await tokenField.inputValue();

  const incidentName = uniqueName("Bot-declared outage");
  const created = await request.post("/api/v1/incidents", {
    headers: bearer(token),
    data: { name: incidentName, body: "Alert fired: error rate above 5%.", impact: "major" },
  });
  expect(created.status()).toBe(201);
  const summary = await (await request.get("/api/v2/summary.json")).json();
  expect(summary.incidents.map((i: { name: string }) => i.name)).toContain(incidentName);

  await page.reload();
  const row = page.getByRole("listitem").filter({ hasText: keyName });
  await expect(row).toContainText("Last used");
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
  await expect(page.getByRole("listitem").filter({ hasText: keyName })).toContainText("Revoked");

  const refused = await request.get("/api/v1/incidents", { headers: bearer(token) });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toMatch(/revoked/);
});
