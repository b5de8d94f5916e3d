import "server-only";
import { readBodyText } from "@/server/http/read-body";

const MAX_REPORT_BYTES = 16 * 1024;
const MAX_LOGGED_PER_MINUTE = 20;
let windowStart = 0;
let loggedInWindow = 0;

type ReportBody = Record<string, unknown>;

function describe(report: ReportBody): string {
  const pick = (...names: string[]) =>
    names.map((name) => report[name]).find((value) => typeof value === "string" && value) as string | undefined;
  const directive = pick("effective-directive", "effectiveDirective", "violated-directive");
  const blocked = pick("blocked-uri", "blockedURL");
  const page = pick("document-uri", "documentURL");
  const sample = pick("script-sample", "sample");
  return JSON.stringify({ directive, blocked, page, sample }).slice(0, 600);
}

/** Logs a browser's CSP violation report, bounded in size and rate so anyone posting reports cannot flood the log. */
export async function logCspReport(request: Request): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readBodyText(request, MAX_REPORT_BYTES));
  } catch {
    return;
  }
  const reports = (
    Array.isArray(parsed)
      ? parsed.map((entry) => (entry as { body?: unknown })?.body)
      : [(parsed as { "csp-report"?: unknown })?.["csp-report"]]
  ).filter((body): body is ReportBody => !!body && typeof body === "object");
  const now = Date.now();
  if (now - windowStart > 60_000) {
    windowStart = now;
    loggedInWindow = 0;
  }
  for (const report of reports) {
    if (loggedInWindow >= MAX_LOGGED_PER_MINUTE) return;
    loggedInWindow++;
    console.warn(`CSP violation: ${describe(report)}`);
  }
}
