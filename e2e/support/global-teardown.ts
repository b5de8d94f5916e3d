import { existsSync, readFileSync } from "node:fs";

// Every page carries a report-uri and the app logs what the browser reports, so one violation anywhere fails the run.
export default function globalTeardown() {
  const log = process.env.E2E_APP_LOG;
  if (!log || !existsSync(log)) return;
  const violations = readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.includes("CSP violation:"))
    // A frame-ancestors report means another page framed ours (e2e/security/hardening.spec.ts does so on purpose to
    // prove the console refuses it); only the framing page can cause one, so it says nothing about our own pages.
    .filter((line) => !line.includes('"directive":"frame-ancestors"'));
  if (violations.length > 0) {
    throw new Error(
      `The browser reported ${violations.length} Content-Security-Policy violation(s):\n${violations.slice(0, 20).join("\n")}`,
    );
  }
}
