import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test as base, type Browser, type Page } from "@playwright/test";
import type { Role } from "@/lib/status";
import { E2E_USERS } from "./users";

const AUTH_DIR = path.join(__dirname, "..", ".auth");
const MAX_AGE_MS = 30 * 60_000;

export function credentialsFor(role: Role) {
  const user = E2E_USERS[role];
  const prefix = `E2E_${role.toUpperCase()}`;
  return {
    ...user,
    email: process.env[`${prefix}_EMAIL`] ?? user.email,
    password: process.env[`${prefix}_PASSWORD`] ?? user.password,
  };
}

export function storageStatePath(role: Role): string {
  return path.join(AUTH_DIR, `${role}.json`);
}

/** Signs in through the real login form. */
export async function signInThroughForm(page: Page, role: Role, redirectTo = "/admin") {
  const { email, password } = credentialsFor(role);
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/admin"));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs in once per role and keeps the session in e2e/.auth/<role>.json for later tests to reuse. */
export async function ensureStorageState(browser: Browser, baseURL: string, role: Role): Promise<string> {
  const file = storageStatePath(role);
  const metaFile = file.replace(/\.json$/, ".meta.json");
  const meta = JSON.stringify({ baseURL, database: process.env.DATABASE_URL ?? "" });
  // A session saved against another server (each harness run has its own port and database) is useless.
  if (
    existsSync(file) &&
    existsSync(metaFile) &&
    readFileSync(metaFile, "utf8") === meta &&
    Date.now() - statSync(file).mtimeMs < MAX_AGE_MS
  )
    return file;
  mkdirSync(AUTH_DIR, { recursive: true });
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signInThroughForm(page, role);
    await context.storageState({ path: file });
    writeFileSync(metaFile, meta);
  } finally {
    await context.close();
  }
  return file;
}

/** `test` whose pages are signed in as `role` (set with `test.use({ role: "viewer" })`). */
export const test = base.extend<{ role: Role }>({
  role: ["responder", { option: true }],
  storageState: async ({ browser, baseURL, role }, use) => {
    await use(await ensureStorageState(browser, baseURL ?? process.env.E2E_BASE_URL ?? "http://localhost:3000", role));
  },
});

export { expect };
