import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheKeyOf } from "@/server/front/response-cache";
import { fullScope, urlsForScope } from "@/server/mirror/mirror-scope";

// lib/public-routes.ts is the one list of public addresses the front caches and the mirror checks its renders
// against. Next's routes under app/ and the mirror's list of addresses to publish are compared with it here, so a
// route added to one of them shows up in the others.

const APP_DIR = path.join(process.cwd(), "app");
const ROUTE_FILE = /^(page\.tsx|route\.ts)$/;

function appAddresses(dir = APP_DIR, segments: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && ROUTE_FILE.test(entry.name)) found.push(`/${segments.join("/")}`);
    if (!entry.isDirectory()) continue;
    const name = entry.name;
    const segment = name.startsWith("(") ? null : name.startsWith("[") ? "x1" : name;
    found.push(...appAddresses(path.join(dir, name), segment === null ? segments : [...segments, segment]));
  }
  return found;
}

const isCached = (url: string) => cacheKeyOf({ method: "GET", url, headers: {} }) !== null;

describe("public routes", () => {
  it("every app route but those per reader, private or for machines that write is cached by the front", () => {
    const addresses = appAddresses();
    expect(addresses.length).toBeGreaterThan(40);
    const uncached = addresses
      .filter((url) => !url.startsWith("/admin") && !url.startsWith("/login"))
      .filter((url) => !isCached(url))
      .sort();
    expect(uncached).toEqual([
      "/api/auth/x1",
      "/api/csp-report",
      "/api/health",
      "/api/integrations/x1",
      "/api/subscriptions/unsubscribe",
      "/api/v1/chat-channels",
      "/api/v1/chat-channels/x1",
      "/api/v1/chat-channels/x1/test",
      "/api/v1/components",
      "/api/v1/components/x1",
      "/api/v1/incidents",
      "/api/v1/incidents/x1",
      "/api/v1/incidents/x1/resolve",
      "/api/v1/incidents/x1/updates",
      "/api/v1/maintenances",
      "/api/v1/pages/x1",
      "/api/v1/x1",
      "/subscribe",
      "/subscribe/confirm/x1",
      "/subscribe/manage/x1",
      "/subscribe/unsubscribe/x1",
    ]);
  });

  it("every address the mirror publishes is cached by the front", () => {
    const inventory = {
      incidentIds: ["i1"],
      componentIds: ["c1"],
      groupIds: ["g1"],
      metricIds: ["m1"],
      months: ["2026-05"],
      earliestStart: new Date("2026-05-01T00:00:00Z"),
    };
    const { first, rest } = urlsForScope(fullScope(), inventory, new Date("2026-05-20T00:00:00Z"));
    expect([...first, ...rest].filter((url) => !isCached(url))).toEqual([]);
  });
});
