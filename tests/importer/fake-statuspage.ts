import http from "node:http";
import type { AddressInfo } from "node:net";
import { API_KEY, PAGE_ID, type Fixture } from "@/tests/importer/statuspage-fixture";

export type FakeOptions = {
  /** Answer 429 (Retry-After: 1) the first time this incidents page is asked for. */
  rateLimitIncidentsPage?: number;
  /** Answer 503 the first time the component groups are asked for. */
  failGroupsOnce?: boolean;
};

/** A Statuspage served on 127.0.0.1 from a fixture: management API under /v1, public API under /api/v2. */
export async function startFakeStatuspage(fixture: Fixture, options: FakeOptions = {}) {
  const log: { path: string; status: number }[] = [];
  let limited = false;
  let groupsFailed = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log.push({ path: `${url.pathname}${url.search}`, status });
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    };
    const path = url.pathname.replace(/\.json$/, "");
    const pageParam = (first: number) => Number(url.searchParams.get("page") ?? first);
    const slice = (items: unknown[], sizeParam: string, first: number) => {
      const size = Math.min(100, Number(url.searchParams.get(sizeParam) ?? 100));
      const start = (pageParam(first) - first) * size;
      return items.slice(start, start + size);
    };

    if (path.startsWith("/api/v2/")) {
      const v2Components = fixture.components.map((c) => ({ ...c }));
      if (path === "/api/v2/summary")
        return send(200, {
          page: {
            id: PAGE_ID,
            name: fixture.page.name,
            url: "https://status.acme.test",
            time_zone: "Europe/Berlin",
            updated_at: fixture.page.updated_at,
          },
          components: v2Components,
          incidents: [],
          scheduled_maintenances: [],
          status: { indicator: "none", description: "All Systems Operational" },
        });
      if (path === "/api/v2/incidents")
        return send(200, {
          page: { id: PAGE_ID },
          incidents: fixture.incidents.filter((i) => !i.scheduled_for).slice(-50),
        });
      if (path === "/api/v2/scheduled-maintenances")
        return send(200, {
          page: { id: PAGE_ID },
          scheduled_maintenances: fixture.incidents.filter((i) => i.scheduled_for),
        });
      return send(404, { error: "Not found" });
    }
    if (req.headers.authorization !== `OAuth ${API_KEY}`) return send(401, { error: "Could not authenticate" });
    const base = `/v1/pages/${PAGE_ID}`;
    if (path === "/v1/pages") return send(200, [fixture.page]);
    if (path === base) return send(200, fixture.page);
    if (path === `${base}/component-groups`) {
      if (options.failGroupsOnce && !groupsFailed) {
        groupsFailed = true;
        return send(503, { error: "Service unavailable" });
      }
      return send(200, slice(fixture.groups, "per_page", 1));
    }
    if (path === `${base}/components`) return send(200, slice(fixture.components, "per_page", 1));
    if (path === `${base}/incidents`) {
      if (options.rateLimitIncidentsPage === pageParam(1) && !limited) {
        limited = true;
        return send(429, { error: "Rate limit exceeded" }, { "Retry-After": "1" });
      }
      const newestFirst = [...fixture.incidents].sort((a, b) => b.created_at.localeCompare(a.created_at));
      return send(200, slice(newestFirst, "limit", 1));
    }
    if (path === `${base}/incidents/scheduled` || path === `${base}/incidents/upcoming`)
      return send(
        200,
        slice(
          fixture.incidents.filter((i) => i.status === "scheduled"),
          "per_page",
          1,
        ),
      );
    if (path === `${base}/incidents/active_maintenance`) return send(200, []);
    if (path === `${base}/incident_templates`) return send(200, slice(fixture.templates, "per_page", 1));
    if (path === `${base}/subscribers`) {
      const state = (url.searchParams.get("state") ?? "active") as keyof Fixture["subscribers"];
      return send(200, slice(fixture.subscribers[state] ?? [], "limit", 0));
    }
    if (path === `${base}/metrics_providers`) return send(200, slice(fixture.metricsProviders, "per_page", 1));
    const providerMetrics = new RegExp(`^${base}/metrics_providers/([^/]+)/metrics$`).exec(path);
    if (providerMetrics) {
      if (!fixture.metricsProviders.some((p) => p.id === providerMetrics[1]))
        return send(404, { error: "The requested resource could not be found." });
      return send(
        200,
        slice(
          fixture.metrics.filter((m) => m.metrics_provider_id === providerMetrics[1]),
          "per_page",
          1,
        ),
      );
    }
    return send(404, { error: "The requested resource could not be found." });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/v1`,
    pageUrl: `http://127.0.0.1:${port}`,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
