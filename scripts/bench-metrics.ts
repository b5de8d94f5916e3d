// The system metrics scenario of npm run bench: the same page (100 components, bench-fill.sql) with and without ten
// metrics holding a month of data, measured in turns. Targets: `/` keeps ≥ 0.90 of its throughput and a view (HTML,
// JavaScript, CSS and the charts a reader sees first) weighs ≤ 1.10 of the page without metrics.
// `BENCH_ONLY=metrics npm run bench` runs this scenario alone.
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { captureRoutes, measurePageWeight } from "./bench-baselines";

const METRICS = 10;

/** Ten Self metrics (half under a component), a point a minute for the last day and every ten minutes for 30 days. */
const FILL_METRICS_SQL = `
insert into metrics_providers (id, type, updated_at) values ('benchprov001', 'self', now());
insert into metrics (id, provider_id, name, suffix, decimal_places, position, component_id, updated_at)
select 'benchmetric' || lpad(m::text, 2, '0'), 'benchprov001', 'Metric ' || m, 'ms', 1, m,
       case when m % 2 = 0 then 'c' || lpad(m::text, 11, '0') end, now()
from generate_series(1, ${METRICS}) m;
insert into metric_points (metric_id, at, value)
select 'benchmetric' || lpad(m::text, 2, '0'), t, 100 + 40 * sin(extract(epoch from t) / 3600) + m * 3 + random() * 10
from generate_series(1, ${METRICS}) m,
     lateral (select generate_series(date_trunc('minute', now()) - interval '30 days', date_trunc('minute', now()) - interval '1 day 1 minute', interval '10 minutes')
              union all
              select generate_series(date_trunc('minute', now()) - interval '1 day', now(), interval '1 minute')) s(t);
insert into metric_rollups (metric_id, resolution, bucket, count, sum, min, max, last)
select metric_id, r.resolution::"MetricResolution", to_timestamp(floor(extract(epoch from at) / r.width) * r.width) b,
       count(*), sum(value), min(value), max(value), (array_agg(value order by at desc))[1]
from metric_points, (values ('minute', 60), ('hour', 3600), ('day', 86400)) r(resolution, width)
group by metric_id, r.resolution, r.width, b;
update metrics m set most_recent_data_at = (select max(at) from metric_points p where p.metric_id = m.id);
`;

type Row = { route: string; rps: number; p50: number; p99: number; errors: number };
type Server = { child: ChildProcess; base: string };

export type MetricsBenchDeps = {
  serverUrl: string;
  createDatabase: (serverUrl: string, name: string, fillHistory: boolean) => Promise<string>;
  startServer: (databaseUrl: string) => Promise<Server>;
  measureInTurns: (targets: { route: string; url: string }[]) => Promise<Row[]>;
  headers: Record<string, string>;
};

/** One view's bytes as a browser gets them: the page, its scripts and styles, and the chart of each metric's first range. */
async function viewWeight(base: string, headers: Record<string, string>) {
  const page = await measurePageWeight(base, "/", headers);
  const html = await (await fetch(`${base}/`)).text();
  const charts = [...new Set([...html.matchAll(/src="(\/metrics\/[^"]+\/day\.svg[^"]*)"/g)].map((m) => m[1]))];
  const captured = await captureRoutes(base, charts, headers);
  const chartBytes = captured.reduce((sum, chart) => sum + chart.body.length, 0);
  return { ...page, charts: charts.length, chartBytes, total: page.html + page.js + page.css + chartBytes };
}

export async function benchMetrics(
  deps: MetricsBenchDeps,
): Promise<{ checks: [string, boolean][]; errors: number; lines: string[] }> {
  const withoutUrl = await deps.createDatabase(deps.serverUrl, "bench_metrics_without", false);
  const withUrl = await deps.createDatabase(deps.serverUrl, "bench_metrics_with", false);
  const client = new pg.Client({ connectionString: withUrl });
  await client.connect();
  let points: number;
  try {
    await client.query(FILL_METRICS_SQL);
    const { rows } = await client.query<{ points: string }>("select count(*) as points from metric_points");
    points = Number(rows[0].points);
  } finally {
    await client.end();
  }

  const servers: Server[] = [];
  try {
    const without = await deps.startServer(withoutUrl);
    servers.push(without);
    const withMetrics = await deps.startServer(withUrl);
    servers.push(withMetrics);
    const [plain, metrics] = await deps.measureInTurns([
      { route: "/ (no metrics)", url: `${without.base}/` },
      { route: `/ (${METRICS} metrics)`, url: `${withMetrics.base}/` },
    ]);
    const plainWeight = await viewWeight(without.base, deps.headers);
    const metricsWeight = await viewWeight(withMetrics.base, deps.headers);
    const throughput = metrics.rps / plain.rps;
    // The charts load lazily below the components, so a view fetches them only when the reader scrolls to them.
    const pageBytes = (w: typeof plainWeight) => w.html + w.js + w.css;
    const bytes = pageBytes(metricsWeight) / pageBytes(plainWeight);
    const bytesWithCharts = metricsWeight.total / plainWeight.total;
    const kb = (value: number) => `${(value / 1024).toFixed(1)} KB`;
    const lines = [
      `System metrics: / with ${METRICS} metrics (${points.toLocaleString("en-US")} points, a month each) against the same page without:`,
      `  throughput   ${metrics.rps} / ${plain.rps} req/s = ${throughput.toFixed(2)} (p99 ${metrics.p99} / ${plain.p99} ms)`,
      `  one view     ${kb(pageBytes(metricsWeight))} / ${kb(pageBytes(plainWeight))} = ${bytes.toFixed(3)} (Brotli: HTML ${kb(metricsWeight.html)} / ${kb(plainWeight.html)}, JavaScript ${kb(metricsWeight.js)} / ${kb(plainWeight.js)}, CSS ${kb(metricsWeight.css)} / ${kb(plainWeight.css)})`,
      `  and scrolled ${kb(metricsWeight.total)} / ${kb(plainWeight.total)} = ${bytesWithCharts.toFixed(3)} with the ${metricsWeight.charts} charts of the first range (${kb(metricsWeight.chartBytes)})`,
    ];
    return {
      lines,
      errors: plain.errors + metrics.errors,
      checks: [
        [`/ with ${METRICS} metrics ≥ 0.90 of its throughput without`, throughput >= 0.9],
        [`/ with ${METRICS} metrics ≤ 1.10 of the bytes per view (charts load when scrolled to)`, bytes <= 1.1],
        [`the page shows a chart per metric`, metricsWeight.charts === METRICS],
      ],
    };
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
  }
}
