import { describe, expect, it } from "vitest";
import * as prismaEnums from "@/server/db/generated/enums";
import {
  ALL_IMPACTS,
  ALL_INCIDENT_STATUSES,
  COMPONENT_STATUSES,
  DELIVERY_STATUSES,
  INCIDENT_KINDS,
  ROLES,
  SUBSCRIBER_KINDS,
  overallIndicator,
  worstComponentStatus,
  updateLabel,
} from "@/lib/status";
import { ALERT_INCIDENT_MODES, ALERT_SOURCES, CHAT_PLATFORMS } from "@/lib/integrations";
import { METRIC_RANGES, METRIC_RESOLUTIONS, METRIC_TRANSFORMS, METRICS_PROVIDER_TYPES } from "@/lib/metrics";

const VOCABULARY_OF_ENUM: Record<keyof typeof prismaEnums, readonly string[]> = {
  ComponentStatus: COMPONENT_STATUSES,
  IncidentKind: INCIDENT_KINDS,
  IncidentStatus: ALL_INCIDENT_STATUSES,
  IncidentImpact: ALL_IMPACTS,
  Role: ROLES,
  SubscriberKind: SUBSCRIBER_KINDS,
  DeliveryStatus: DELIVERY_STATUSES,
  ChatPlatform: CHAT_PLATFORMS,
  AlertSource: ALERT_SOURCES,
  AlertIncidentMode: ALERT_INCIDENT_MODES,
  MetricsProviderType: METRICS_PROVIDER_TYPES,
  MetricTransform: METRIC_TRANSFORMS,
  MetricRange: METRIC_RANGES,
  MetricResolution: METRIC_RESOLUTIONS,
};

describe("domain vocabulary", () => {
  it("has a vocabulary for every Prisma enum", () => {
    expect(Object.keys(VOCABULARY_OF_ENUM).sort()).toEqual(Object.keys(prismaEnums).sort());
  });

  it.each(Object.entries(VOCABULARY_OF_ENUM))("matches the Prisma enum %s exactly", (name, vocabulary) => {
    const values = Object.values(prismaEnums[name as keyof typeof prismaEnums]);
    expect([...vocabulary].sort()).toEqual(values.sort());
  });

  it("ranks an outage above maintenance and degraded performance", () => {
    expect(worstComponentStatus(["operational", "under_maintenance", "degraded_performance"])).toBe(
      "degraded_performance",
    );
    expect(worstComponentStatus(["partial_outage", "major_outage"])).toBe("major_outage");
    expect(worstComponentStatus([])).toBe("operational");
  });

  it("computes the overall indicator from components, incidents and maintenance", () => {
    expect(
      overallIndicator({
        componentStatuses: ["operational"],
        unresolvedIncidentImpacts: [],
        maintenanceInProgress: false,
      }),
    ).toBe("none");
    expect(
      overallIndicator({
        componentStatuses: ["under_maintenance"],
        unresolvedIncidentImpacts: [],
        maintenanceInProgress: true,
      }),
    ).toBe("maintenance");
    expect(
      overallIndicator({
        componentStatuses: ["under_maintenance", "partial_outage"],
        unresolvedIncidentImpacts: [],
        maintenanceInProgress: true,
      }),
    ).toBe("major");
    expect(
      overallIndicator({
        componentStatuses: ["operational"],
        unresolvedIncidentImpacts: ["minor", "critical"],
        maintenanceInProgress: false,
      }),
    ).toBe("critical");
    expect(
      overallIndicator({
        componentStatuses: ["degraded_performance"],
        unresolvedIncidentImpacts: ["none"],
        maintenanceInProgress: false,
      }),
    ).toBe("minor");
  });

  it("labels a repeated status as an Update", () => {
    expect(updateLabel("investigating", null)).toBe("Investigating");
    expect(updateLabel("investigating", "investigating")).toBe("Update");
    expect(updateLabel("resolved", "monitoring")).toBe("Resolved");
  });
});
