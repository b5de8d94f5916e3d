import "server-only";
import type { Prisma } from "@/server/db/generated/client";

// The columns every read of a record starts from; each reader adds its own (id, version, timestamps) on top.
// They live at the bottom layer so queries, services and the notification outbox can all share them.

export const pageSettingsFields = {
  name: true,
  url: true,
  timeZone: true,
  logoUrl: true,
  faviconUrl: true,
  brandColor: true,
  companyUrl: true,
  supportUrl: true,
  contactEmail: true,
  twitter: true,
  privacyUrl: true,
  footerText: true,
  description: true,
} as const satisfies Prisma.PageSettingsSelect;

export const componentFields = {
  id: true,
  name: true,
  description: true,
  status: true,
  position: true,
  showcase: true,
  onlyShowIfDegraded: true,
  startDate: true,
  groupId: true,
} as const satisfies Prisma.ComponentSelect;

/** A metric's definition: what it is called, where its data comes from and how it is drawn. */
export const metricFields = {
  id: true,
  providerId: true,
  name: true,
  metricIdentifier: true,
  transform: true,
  suffix: true,
  decimalPlaces: true,
  yAxisMin: true,
  yAxisMax: true,
  yAxisHidden: true,
  display: true,
  tooltipDescription: true,
  defaultRange: true,
  componentId: true,
} as const satisfies Prisma.MetricSelect;

export const incidentFields = {
  id: true,
  kind: true,
  name: true,
  status: true,
  impact: true,
  createdAt: true,
  updatedAt: true,
  startedAt: true,
  monitoringAt: true,
  resolvedAt: true,
  scheduledFor: true,
  scheduledUntil: true,
} as const satisfies Prisma.IncidentSelect;
