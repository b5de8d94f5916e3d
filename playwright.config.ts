import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { ensureReactServerCondition, prepareSingleAppEnvironment } from "./e2e/support/single-app";

ensureReactServerCondition();
// `npx playwright test` starts the shared app itself (webServer); own-stack specs start their own instances.
const { external } = prepareSingleAppEnvironment();
const baseURL = process.env.E2E_BASE_URL!;
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((candidate) =>
  existsSync(candidate),
);

export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  webServer: external
    ? undefined
    : {
        command: "node --import tsx scripts/e2e-server.ts",
        url: `${baseURL}/api/health`,
        // The first run builds the app.
        timeout: 15 * 60_000,
        reuseExistingServer: false,
        stdout: "ignore",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
