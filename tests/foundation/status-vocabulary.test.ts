import { describe, expect, it } from "vitest";
import { ComponentStatus, IncidentImpact, IncidentStatus, Role } from "@/server/db/generated/enums";
import {
  ALL_IMPACTS,
  ALL_INCIDENT_STATUSES,
  COMPONENT_STATUSES,
  ROLES,
  overallIndicator,
  worstComponentStatus,
  updateLabel,
} from "@/lib/status";

describe("domain vocabulary", () => {
  it("matches the Prisma enums exactly", () => {
    expect([...COMPONENT_STATUSES].sort()).toEqual(Object.values(ComponentStatus).sort());
    expect([...ALL_INCIDENT_STATUSES].sort()).toEqual(Object.values(IncidentStatus).sort());
    expect([...ALL_IMPACTS].sort()).toEqual(Object.values(IncidentImpact).sort());
    expect([...ROLES].sort()).toEqual(Object.values(Role).sort());
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
