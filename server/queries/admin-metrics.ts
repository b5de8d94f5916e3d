import "server-only";
import { getDb } from "@/server/db/client";
import { metricFields } from "@/server/db/base-selects";
import { authorize, type ActorContext } from "@/server/auth/actor";
import { pageBaseUrl } from "@/server/page-url";
import { isValidId } from "@/lib/status";
import type { MetricRange, MetricTransform, MetricsProviderType } from "@/lib/metrics";

export type AdminMetricsProvider = {
  id: string;
  type: MetricsProviderType;
  baseUrl: string | null;
  /** Whether an Authorization header is stored; the header itself never leaves the server. */
  authorizationSet: boolean;
  disabled: boolean;
  demo: boolean;
  metricCount: number;
};

export type AdminMetricRow = {
  id: string;
  name: string;
  providerId: string;
  providerType: MetricsProviderType;
  metricIdentifier: string;
  componentName: string | null;
  suffix: string;
  decimalPlaces: number;
  display: boolean;
  intervalSeconds: number;
  mostRecentDataAt: Date | null;
  lastFetchedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  latest: { value: number; at: Date } | null;
};

/** What the push examples need: the page's address and the id the management API knows it by. */
export type MetricsPageRef = { baseUrl: string; pageId: string };

async function readPageRef(): Promise<MetricsPageRef> {
  const page = await getDb().pageSettings.findFirst({ select: { id: true, statuspagePageId: true, url: true } });
  return {
    baseUrl: pageBaseUrl({ url: page?.url ?? "" }),
    pageId: page ? (page.statuspagePageId ?? page.id) : "<page id>",
  };
}

/** Providers and metrics for the console's Metrics page, each metric with its latest point; never a credential. */
export async function listAdminMetrics({ ctx }: { ctx: ActorContext }) {
  authorize(ctx.actor, "viewer");
  const db = getDb();
  const [providers, metrics, page] = await Promise.all([
    db.metricsProvider.findMany({
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        type: true,
        baseUrl: true,
        authorizationSealed: true,
        disabled: true,
        demo: true,
        _count: { select: { metrics: true } },
      },
    }),
    db.metric.findMany({
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        name: true,
        providerId: true,
        metricIdentifier: true,
        suffix: true,
        decimalPlaces: true,
        display: true,
        intervalSeconds: true,
        mostRecentDataAt: true,
        lastFetchedAt: true,
        lastError: true,
        lastErrorAt: true,
        provider: { select: { type: true } },
        component: { select: { name: true } },
        points: { orderBy: { at: "desc" }, take: 1, select: { value: true, at: true } },
      },
    }),
    readPageRef(),
  ]);
  return {
    page,
    providers: providers.map(({ authorizationSealed, _count, ...provider }): AdminMetricsProvider => ({
      ...provider,
      authorizationSet: authorizationSealed !== null,
      metricCount: _count.metrics,
    })),
    metrics: metrics.map(({ provider, component, points, ...metric }): AdminMetricRow => ({
      ...metric,
      providerType: provider.type,
      componentName: component?.name ?? null,
      latest: points[0] ?? null,
    })),
  };
}

export type AdminMetric = {
  id: string;
  providerId: string;
  providerType: MetricsProviderType;
  name: string;
  metricIdentifier: string;
  transform: MetricTransform;
  suffix: string;
  decimalPlaces: number;
  yAxisMin: number | null;
  yAxisMax: number | null;
  yAxisHidden: boolean;
  display: boolean;
  tooltipDescription: string | null;
  defaultRange: MetricRange;
  componentId: string | null;
  intervalSeconds: number;
  version: number;
};

/** One metric's definition, for its edit form; null when the id names none. */
export async function getAdminMetric({
  ctx,
  metricId,
}: {
  ctx: ActorContext;
  metricId: string;
}): Promise<AdminMetric | null> {
  authorize(ctx.actor, "viewer");
  if (!isValidId(metricId)) return null;
  const metric = await getDb().metric.findUnique({
    where: { id: metricId },
    select: {
      ...metricFields,
      intervalSeconds: true,
      version: true,
      provider: { select: { type: true } },
    },
  });
  if (!metric) return null;
  const { provider, ...fields } = metric;
  return { ...fields, providerType: provider.type };
}

/** The providers a metric can be added to, for the form's source select. */
export async function listMetricSources({ ctx }: { ctx: ActorContext }) {
  authorize(ctx.actor, "viewer");
  const providers = await getDb().metricsProvider.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, type: true, baseUrl: true },
  });
  return { providers, page: await readPageRef() };
}

/** Whether a provider is Self or Prometheus; null for an id that names none. */
export async function getMetricsProviderType({
  ctx,
  providerId,
}: {
  ctx: ActorContext;
  providerId: string;
}): Promise<MetricsProviderType | null> {
  authorize(ctx.actor, "viewer");
  if (!isValidId(providerId)) return null;
  const provider = await getDb().metricsProvider.findUnique({ where: { id: providerId }, select: { type: true } });
  return provider?.type ?? null;
}
