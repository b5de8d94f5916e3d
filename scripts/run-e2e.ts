// `npm run test:e2e`: finds a Chromium, then runs Playwright, whose webServer (scripts/e2e-server.ts) builds the app
// when no build matches the sources and starts it on a fresh embedded PostgreSQL with an empty page.
import { spawnSync } from "node:child_process";
import { CHROMIUM_HELP, findChromium } from "./lib/chromium";
import { projectRoot } from "./lib/project-root";

const chromium = findChromium();
if (!chromium) {
  console.error(`\n✖ ${CHROMIUM_HELP}\n`);
  process.exit(1);
}
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CHROMIUM_PATH: chromium === "playwright" ? "" : chromium,
};
// A DATABASE_URL of the developer's own would otherwise be taken for the test app's.
if (!env.E2E_BASE_URL) delete env.DATABASE_URL;
const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
