import { test, expect } from "@/e2e/support/auth";
import { randomUUID } from "node:crypto";
import { createTestComponent } from "@/e2e/console/fixtures";

test.use({ role: "responder" });

test("a responder declares an incident, posts updates, resolves it and publishes a postmortem; the public page shows each step", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const name = `Checkout errors ${randomUUID().slice(0, 6)}`;
  const component = await createTestComponent("Checkout");
  const componentSelect = () => page.getByLabel(new RegExp(`^${component.name} \\(now`));
  await page.goto("/admin/incidents");
  await page.getByRole("link", { name: "Declare incident" }).click();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Impact").selectOption("major");
  await page.getByLabel("Message").fill("We are seeing **elevated errors** at checkout.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" }).locator("strong")).toHaveText("elevated errors");
  await componentSelect().selectOption("partial_outage");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const incidentUrl = page.url();
  const incidentId = incidentUrl.split("/").pop()!;

  const publicPage = await context.newPage();
  await publicPage.goto(`/incidents/${incidentId}`);
  await expect(publicPage.getByText(name).first()).toBeVisible();
  await expect(publicPage.getByText("elevated errors")).toBeVisible();
  await publicPage.goto("/");
  await expect(publicPage.getByText(name).first()).toBeVisible();

  await page.getByLabel("Status", { exact: true }).selectOption("identified");
  await page.getByLabel("Message").first().fill("The cause is a bad deploy; rolling back.");
  await componentSelect().selectOption("degraded_performance");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Update posted (Identified)." })).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Timeline" })
      .getByRole("paragraph")
      .filter({ hasText: "The cause is a bad deploy" }),
  ).toBeVisible();
  await expect(page.getByLabel("Message").first()).toHaveValue("");

  await publicPage.goto(`/incidents/${incidentId}`);
  await expect(publicPage.getByText("The cause is a bad deploy; rolling back.")).toBeVisible();

  await page.getByLabel("Resolution message").fill("Checkout is working again.");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Resolve incident" }).click();
  await expect(page.getByRole("region", { name: "Reopen" })).toBeVisible();
  await publicPage.goto(`/incidents/${incidentId}`);
  await expect(publicPage.getByText("Checkout is working again.")).toBeVisible();
  await expect(publicPage.getByText("Resolved").first()).toBeVisible();

  await page.getByRole("link", { name: "Write postmortem" }).click();
  await page
    .getByLabel("Postmortem (markdown)")
    .fill("## Root cause\n\nA config flag was flipped.\n\n| Step | Time |\n|---|---|\n| Rollback | 5 min |");
  await expect(
    page.getByRole("region", { name: "Preview" }).getByRole("heading", { name: "Root cause" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await publicPage.goto(`/incidents/${incidentId}`);
  await expect(publicPage.getByRole("heading", { name: "Postmortem" })).toHaveCount(0);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Postmortem published." })).toBeVisible();
  await publicPage.goto(`/incidents/${incidentId}`);
  await expect(publicPage.getByRole("heading", { name: "Postmortem" })).toBeVisible();
  await expect(publicPage.getByText("A config flag was flipped.")).toBeVisible();

  // Editing a published postmortem works on a draft: readers keep the published text until the changes are published.
  await page.reload();
  await page.getByLabel("Postmortem (markdown)").fill("## Root cause\n\nA config flag was flipped by a deploy script.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();
  await publicPage.goto(`/incidents/${incidentId}`);
  await expect(publicPage.getByText("A config flag was flipped.")).toBeVisible();
  await expect(publicPage.getByText("by a deploy script")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("that readers do not see until you publish them")).toBeVisible();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Publish changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Postmortem published." })).toBeVisible();
  await publicPage.goto(`/incidents/${incidentId}`);
  await expect(publicPage.getByText("A config flag was flipped by a deploy script.")).toBeVisible();
});

test("a validation error keeps everything typed and names the field", async ({ page }) => {
  await page.goto("/admin/incidents/new");
  await page.getByLabel("Message").fill("Text that must survive the error");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Name is required." })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Message")).toHaveValue("Text that must survive the error");
});
