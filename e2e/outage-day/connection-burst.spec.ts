import { expect, test } from "@playwright/test";
import pg from "pg";
import { OwnStack } from "../support/own-stack";
import { READER_SCENARIO_SEEDS } from "../public/reader-page";

test.describe.configure({ mode: "serial" });

// Smaller than the default, so the test shows the setting is what bounds the connections.
const POOL_MAX = 5;
// 400 renders through two slots on a busy 2-core machine take longer than the default 5 s wait.
const WIDE_QUEUE = { RENDER_QUEUE_TIMEOUT_MS: "60000" };
let stack: OwnStack;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  // A lived-in page, so the burst reaches incidents, components and history pages. The fronts' render queue, its
  // wait and the budget (tested on their own in tests/outage-day) are opened wide: on a machine busy with other specs
  // they would answer part of the burst 503 before it reached the pool this test is about.
  stack = await OwnStack.start(
    1,
    { DATABASE_POOL_MAX: String(POOL_MAX), RENDER_MAX_QUEUED: "1000", RENDER_BUDGET_SHARE: "1", ...WIDE_QUEUE },
    READER_SCENARIO_SEEDS,
  );
});
test.afterAll(async () => {
  await stack?.stop();
});

test("a burst of 500 concurrent connections is served without exhausting PostgreSQL's connections", async () => {
  test.setTimeout(120_000);
  const [app] = stack.instances;
  const incidents = (await (await fetch(`${app.base}/api/v2/incidents.json`)).json()).incidents as { id: string }[];
  const components = (await (await fetch(`${app.base}/api/v2/components.json`)).json()).components as { id: string }[];
  // Distinct addresses, so neither cache can answer them: each one reaches the pool.
  const paths = Array.from({ length: 500 }, (_, i) => {
    switch (i % 5) {
      case 0:
        return `/history?page=${1 + (i % 40)}&burst=${i}`;
      case 1:
        return `/incidents/${incidents[i % incidents.length].id}?burst=${i}`;
      case 2:
        return `/history?component=${components[i % components.length].id}&burst=${i}`;
      case 3:
        return `/api/health?burst=${i}`;
      default:
        return `/api/v2/incidents/${incidents[i % incidents.length].id}.json?burst=${i}`;
    }
  });

  const monitor = new pg.Client({ connectionString: stack.databaseUrl });
  await monitor.connect();
  const {
    rows: [{ limit }],
  } = await monitor.query<{ limit: number }>(
    "SELECT setting::int AS limit FROM pg_settings WHERE name = 'max_connections'",
  );
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await monitor.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      peak = Math.max(peak, rows[0].count);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  const statuses = await Promise.all(
    paths.map(async (path) => {
      try {
        return (await fetch(app.base + path, { headers: { connection: "close" } })).status;
      } catch {
        return 0;
      }
    }),
  );
  sampling = false;
  await sampler;
  await monitor.end();

  const counts = statuses.reduce<Record<number, number>>(
    (acc, status) => ({ ...acc, [status]: (acc[status] ?? 0) + 1 }),
    {},
  );
  expect(counts, JSON.stringify(counts)).toEqual({ 200: 500 });
  // The pool, plus the connection that listens for other instances' invalidations.
  expect(peak).toBeGreaterThan(1);
  expect(peak).toBeLessThanOrEqual(POOL_MAX + 1);
  expect(peak).toBeLessThan(limit);
});
