import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The system's Chromium when there is one, otherwise Playwright's own (downloaded once); null when neither works. */
export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  const system = SYSTEM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (system) return system;
  const install = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (install.status === 0) return "playwright";
  return null;
}

export const CHROMIUM_HELP =
  "No Chromium found and Playwright could not download its own.\n" +
  "  On Debian/Ubuntu: sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chrome/Chromium binary)";
