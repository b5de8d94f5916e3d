import { expect, test, type Browser } from "@playwright/test";
import { startMailCatcher } from "@/tests/support/mail-catcher";
import { OwnStack } from "@/e2e/support/own-stack";

// Issue #25's "done when": a new user, knowing only the README, starts the app, chooses an empty page, sets it up,
// sees a test email arrive in a local catcher, subscribes, declares and resolves an incident from a phone-sized
// console, and loses nothing they did not mean to.
test.describe.configure({ mode: "serial" });

const OWNER = { name: "Nadia Newcomer", email: "nadia@acme.test", password: "a-long-first-password-7" };
const READER = "reader@acme.test";

/** The plain text of a received message, quoted-printable soft breaks and escapes undone. */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

let stack: OwnStack;
let catcher: Awaited<ReturnType<typeof startMailCatcher>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  catcher = await startMailCatcher();
  // What `npm start` gives a new user now: an empty page, no account, the worker and scheduler running.
  stack = await OwnStack.start(1, { STATUSPAGE_DISABLE_WORKER: "", STATUSPAGE_DISABLE_SCHEDULER: "" });
});
test.afterAll(async () => {
  await stack?.stop();
  await catcher?.close();
});

async function signIn(browser: Browser, viewport?: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL: stack.instances[0].base, viewport });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  return { context, page };
}

test("start empty, name the page, add components, set up email and see the test email arrive", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: stack.instances[0].base });
  const page = await context.newPage();

  await page.goto("/");
  await expect(page.getByText("This status page is being set up")).toBeVisible();
  await expect(page).not.toHaveTitle(/Status Status/);
  await expect(page.getByText("All Systems Operational")).toHaveCount(0);

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/setup$/);
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByLabel("Confirm password").fill(OWNER.password);
  await page.getByRole("radio", { name: "Start empty (your own page)" }).check();
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  const checklist = page.getByRole("region", { name: "Set up your status page" });
  await expect(checklist).toBeVisible();
  await checklist.getByRole("link", { name: "Open the settings" }).click();
  await page.getByLabel("Page name").fill("Acme");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();

  await page.goto("/admin");
  await checklist.getByRole("link", { name: "Add components" }).click();
  for (const name of ["API", "Website"]) {
    await page.getByLabel("Name", { exact: true }).first().fill(name);
    await page.getByRole("button", { name: "Add component" }).click();
    await expect(page.getByRole("main").getByRole("link", { name, exact: true })).toBeVisible();
  }
  await page.goto("/admin");
  await expect(checklist).toHaveCount(0);

  await page.goto("/admin/settings");
  await page.getByRole("link", { name: "Email settings" }).click();
  await page.getByLabel("SMTP URL").fill(`smtp://127.0.0.1:${catcher.port}`);
  await page.getByLabel("Sender").fill("Acme Status <status@acme.test>");
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Email settings saved." })).toBeVisible();
  await expect(page.getByLabel("Send a test email to")).toHaveValue(OWNER.email);
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The mail server accepted the test email: 250" }),
  ).toBeVisible();
  await expect.poll(() => catcher.received.filter((mail) => mail.to.includes(OWNER.email)).length).toBe(1);
  await context.close();
});

test("a reader subscribes by email and confirms from the message in the catcher", async ({ page }) => {
  await page.goto(`${stack.instances[0].base}/`);
  await expect(page).toHaveTitle(/Acme Status/);
  await expect(page.getByText("All Systems Operational")).toBeVisible();
  await page.goto(`${stack.instances[0].base}/subscribe`);
  await page.getByRole("radio", { name: "Email" }).check();
  await page.getByLabel("Email address").fill(READER);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect.poll(() => catcher.received.filter((mail) => mail.to.includes(READER)).length).toBe(1);
  const confirmation = decoded(catcher.received.find((mail) => mail.to.includes(READER))!.raw);
  const link = confirmation.match(/https?:\/\/[^\s"<>]+\/subscribe\/confirm\/[^\s"<>]+/)?.[0];
  expect(link, "the confirmation email links to /subscribe/confirm/<token>").toBeTruthy();
  await page.goto(link!);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page).toHaveURL(/\/subscribe\/manage\/.+confirmed=1/);
});

test("on a phone, the owner declares and resolves an incident; the reader is told; nothing else is lost", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await signIn(browser, { width: 390, height: 844 });
  const name = "Checkout errors";

  const nav = page.getByRole("navigation", { name: "Console" });
  expect((await nav.boundingBox())!.height).toBeLessThanOrEqual(60);
  await nav.locator("summary").click();
  await nav.getByRole("link", { name: "Incidents" }).click();
  await page.getByRole("link", { name: "Declare incident" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Impact").selectOption("major");
  await page.getByLabel("Message").fill("Payments through the API fail; we are looking into it.");
  await page.getByLabel(/^API \(now/).selectOption("major_outage");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the incident page fits a 390 px screen").toBeLessThanOrEqual(0);

  const reader = await browser.newPage({ baseURL: stack.instances[0].base });
  await reader.goto("/");
  await expect(reader.getByText(name).first()).toBeVisible();

  await page.getByLabel("Resolution message").fill("Payments work again.");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Resolve incident" }).click();
  await expect(page.getByRole("region", { name: "Reopen" })).toBeVisible();
  await reader.reload();
  await expect(reader.getByText("All Systems Operational")).toBeVisible();

  await expect
    .poll(
      () => catcher.received.filter((mail) => mail.to.includes(READER) && /Checkout errors/.test(mail.raw)).length,
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThanOrEqual(2);

  await page.goto("/admin/components");
  for (const component of ["API", "Website"])
    await expect(page.getByRole("main").getByRole("link", { name: component, exact: true })).toBeVisible();
  await page.goto("/admin/subscribers");
  await expect(page.getByRole("link", { name: READER, exact: true })).toBeVisible();
  await reader.goto("/history");
  await expect(reader.getByText(name).first()).toBeVisible();
  await expect(reader).toHaveTitle(/Acme Status/);
  await context.close();
});
