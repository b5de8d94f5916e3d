import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createTestIncident } from "@/e2e/console/fixtures";

test("a recent update says inline how long ago it was posted, and stays right as time passes in the open tab", async ({
  page,
}) => {
  const name = `Slow builds ${randomUUID().slice(0, 6)}`;
  const incident = await createTestIncident({ name, message: "Builds are slower than usual." });
  await page.clock.install();
  await page.goto(`/incidents/${incident.id}`);
  const posted = page
    .getByRole("paragraph")
    .filter({ hasText: /^Posted / })
    .first();
  await expect(posted).toContainText(/^Posted (just now|1 minute ago)\. \w{3} \d{1,2}, \d{4} - \d{2}:\d{2}/);
  await page.clock.fastForward("10:00");
  await expect(posted).toContainText(/^Posted (9|10|11) minutes ago\. /);
  await page.clock.fastForward("25:00:00");
  await expect(posted).not.toContainText("ago");
});
