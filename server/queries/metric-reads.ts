import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { metricFields } from "@/server/db/base-selects";
import { isValidId } from "@/lib/status";

// Uncached reads of metrics providers and metric definitions, for the management API and the importer.

export const managedProviderSelect = {
  id: true,
  type: true,
  baseUrl: true,
  disabled: true,
  lastRevalidatedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.MetricsProviderSelect;
export type ManagedProvider = Prisma.MetricsProviderGetPayload<{ select: typeof managedProviderSelect }>;

export const managedMetricSelect = {
  ...metricFields,
  position: true,
  mostRecentDataAt: true,
  lastFetchedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.MetricSelect;
export type ManagedMetric = Prisma.MetricGetPayload<{ select: typeof managedMetricSelect }>;

type Window = { skip: number; take: number };

export function listManagedProviders(db: DbOrTx, window: Window): Promise<ManagedProvider[]> {
  return db.metricsProvider.findMany({
    select: managedProviderSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...window,
  });
}

export async function readManagedProvider(db: DbOrTx, providerId: string): Promise<ManagedProvider | null> {
  return isValidId(providerId)
    ? db.metricsProvider.findUnique({ where: { id: providerId }, select: managedProviderSelect })
    : null;
}

/** Metrics in page order, all of them or one provider's. */
export function listManagedMetrics(
  db: DbOrTx,
  window: Window,
  where: { providerId?: string } = {},
): Promise<ManagedMetric[]> {
  return db.metric.findMany({
    where,
    select: managedMetricSelect,
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    ...window,
  });
}

export async function readManagedMetric(db: DbOrTx, metricId: string): Promise<ManagedMetric | null> {
  return isValidId(metricId) ? db.metric.findUnique({ where: { id: metricId }, select: managedMetricSelect }) : null;
}
