import { expect, test as base, type Page } from "@playwright/test";
import { credentialsFor, signInThroughForm, test } from "@/e2e/support/auth";
import { postCredentials, rawRequest } from "@/e2e/support/raw-http";

const baseUrl = () => process.env.E2E_BASE_URL ?? "http://localhost:3000";

function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test.describe("signed in as owner", () => {
  test.use({ role: "owner" });

  test("a sign-in redirect that normalises to another host goes to the console instead", async ({ page }) => {
    for (const target of ["/..//evil.example/phish", "/admin/../..//evil.example", "/admin/%2e%2e/..//evil.example"]) {
      const response = await page.request.get(`/login?redirectTo=${encodeURIComponent(target)}`, { maxRedirects: 0 });
      expect(response.status(), target).toBe(307);
      expect(response.headers().location, target).toBe("/admin");
    }
  });

  test("the console cannot be framed, while the embed page and badge can", async ({ page }) => {
    for (const path of ["/admin/users", "/", "/login", "/history"]) {
      const headers = (await page.request.get(path)).headers();
      expect(headers["content-security-policy"], path).toMatch(/frame-ancestors 'none'/);
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["content-security-policy"], path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }
    for (const path of ["/embed", "/badge.svg"]) {
      const headers = (await page.request.get(path)).headers();
      expect(headers["x-frame-options"], path).toBeUndefined();
      expect(headers["content-security-policy"] ?? "frame-ancestors *", path).toMatch(/frame-ancestors \*/);
    }
    // A page of the same site frames the console with the owner signed in (cookies are sent): the browser refuses.
    await page.goto("/robots.txt");
    const blocked = collectCspViolations(page);
    await page.setContent(
      `<iframe id="f" src="${baseUrl()}/admin/users"></iframe><iframe id="e" src="${baseUrl()}/embed"></iframe>`,
    );
    await expect
      .poll(
        async () =>
          (await page
            .frames()
            .find((frame) => frame.url().includes("/embed"))
            ?.locator("h1")
            .textContent()
            .catch(() => null)) ?? "",
      )
      .toMatch(/status/i);
    await expect.poll(() => blocked.join("\n")).toMatch(/frame-ancestors/);
    const framed = page.frames().find((frame) => frame.url().includes("/admin/users"));
    expect(
      framed
        ? await framed
            .getByRole("heading", { name: "Users" })
            .count()
            .catch(() => 0)
        : 0,
    ).toBe(0);
  });

  test("a dot-segment path never files the console under a public address", async ({ page }) => {
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const owner = await rawRequest(`${baseUrl()}/admin/users`, { headers: { cookie } });
    const email = /[\w.+-]+@[\w.-]+\.\w+/.exec(owner.body)?.[0];
    expect(email, "the users page lists an email to look for").toBeTruthy();
    for (const target of [
      "/api/v2/../../admin/users",
      "/api/v2/%2e%2e/%2e%2e/admin/users",
      "/api/v2/.%2E/..\\admin/users",
    ]) {
      await rawRequest(baseUrl(), { target, headers: { cookie } });
      const anonymous = await rawRequest(baseUrl(), { target });
      expect(anonymous.status, target).toBe(307);
      expect(anonymous.body, target).not.toContain(email!);
    }
    for (const target of ["/incidents/%C0%AF", "/components/%E0%A4%A/badge.svg"]) {
      const malformed = await rawRequest(baseUrl(), { target });
      expect(malformed.status, target).toBe(400);
    }
    const absolute = await rawRequest(baseUrl(), { target: "http://evil.example/" });
    expect(absolute.headers.location ?? "").not.toContain("evil.example");
    const asterisk = await rawRequest(baseUrl(), { method: "OPTIONS", target: "*" });
    expect(asterisk.status).toBe(204);
  });
});

test("public pages and the console run under the policy with no violation", async ({ page }) => {
  const violations = collectCspViolations(page);
  for (const path of [
    "/",
    "/history",
    "/embed",
    "/subscribe",
    "/admin/incidents",
    "/admin/components",
    "/admin/incidents/new",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.goto("/");
  const toggle = page.getByRole("button", { name: /local time|UTC/i }).first();
  if (await toggle.count()) await toggle.click();
  await page.goto("/admin/incidents");
  // A client-side navigation: the "Page" section opens on its components.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Page", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/components/);
  expect(violations).toEqual([]);
  // A cached public page is the same bytes for every reader: its inline scripts are allowed by hash, never a nonce.
  const cached = (await page.request.get("/")).headers()["content-security-policy"];
  expect(cached).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(cached).not.toContain("nonce-");
  const console = (await page.request.get("/admin/incidents")).headers()["content-security-policy"];
  expect(console).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
});

base(
  "signing out ends the session on the server, so a copied cookie no longer opens the console",
  async ({ browser }) => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await signInThroughForm(page, "responder");
    const captured = await context.cookies();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1/);
    await context.close();

    const replay = await browser.newContext({ baseURL: baseUrl() });
    await replay.addCookies(captured);
    const replayed = await replay.newPage();
    await replayed.goto("/admin/incidents");
    await expect(replayed).toHaveURL(/\/login/);
    await expect(replayed.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
    await replay.close();
  },
);

base("a real sign-in with a redirect through /.. stays on this site", async ({ page }) => {
  const { email, password } = credentialsFor("viewer");
  await page.goto(`/login?redirectTo=${encodeURIComponent("/admin/../..//evil.example")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin);
});

base("rotating X-Forwarded-For does not escape the per-address sign-in throttle", async () => {
  const errors: Array<string | null> = [];
  for (let i = 0; i < 30; i++) {
    const { error } = await postCredentials(baseUrl(), {
      email: `spray-${i}-${Date.now()}@e2e.test`,
      password: "not-the-password",
      localAddress: "127.0.0.77",
      headers: { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` },
    });
    errors.push(error);
  }
  expect(errors.every((error) => error !== null)).toBe(true);
  expect(errors.some((error) => /Too many failed sign-in attempts/.test(error ?? ""))).toBe(true);
  // Another client is not slowed by those failures.
  const { email, password } = credentialsFor("viewer");
  expect((await postCredentials(baseUrl(), { email, password, localAddress: "127.0.0.78" })).error).toBeNull();
  const health = await rawRequest(`${baseUrl()}/api/health`, { localAddress: "127.0.0.77" });
  expect(health.status).toBe(200);
});
