// Plain shapes that queries return and pages, the JSON API and feeds render. No ORM types here.
import type { AnyImpact, AnyIncidentStatus, ComponentStatus, IncidentKind } from "@/lib/status";

export type PageDto = {
  id: string;
  name: string;
  url: string;
  timeZone: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  brandColor: string;
  companyUrl: string | null;
  supportUrl: string | null;
  contactEmail: string | null;
  twitter: string | null;
  privacyUrl: string | null;
  footerText: string | null;
  description: string | null;
  updatedAt: Date;
};

export type ComponentDto = {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  position: number;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  startDate: Date | null;
  groupId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ComponentGroupDto = {
  id: string;
  name: string;
  description: string | null;
  position: number;
  createdAt: Date;
  updatedAt: Date;
  componentIds: string[];
};

export type ComponentTreeDto = {
  groups: ComponentGroupDto[];
  components: ComponentDto[];
};

export type AffectedComponentDto = {
  componentId: string | null;
  name: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
};

export type IncidentUpdateDto = {
  id: string;
  incidentId: string;
  status: AnyIncidentStatus;
  body: string;
  displayAt: Date;
  createdAt: Date;
  updatedAt: Date;
  deliverNotifications: boolean;
  affectedComponents: AffectedComponentDto[];
};

export type IncidentSummaryDto = {
  id: string;
  kind: IncidentKind;
  name: string;
  status: AnyIncidentStatus;
  impact: AnyImpact;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  componentIds: string[];
};

export type IncidentDto = IncidentSummaryDto & {
  updates: IncidentUpdateDto[];
  autoTransitionToMaintenanceState: boolean;
  autoTransitionToOperationalState: boolean;
};

export type PostmortemDto = {
  body: string;
  publishedAt: Date;
  updatedAt: Date;
};

export type IncidentDetailDto = IncidentDto & {
  postmortem: PostmortemDto | null;
  related: { id: string; name: string; status: AnyIncidentStatus; startedAt: Date }[];
};
