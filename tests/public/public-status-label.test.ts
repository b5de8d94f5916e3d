import { describe, expect, it } from "vitest";
import { describePublicStatus } from "@/lib/format";
import { INCIDENT_STATUS_LABELS, MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from "@/lib/status";

describe("the status label the public page shows", () => {
  it("reads a published postmortem as resolved, with the postmortem noted beside it", () => {
    expect(describePublicStatus("postmortem")).toEqual({
      label: "Resolved",
      postmortemPublished: true,
      text: "Resolved · postmortem published",
    });
  });

  it("keeps every other status's own label", () => {
    for (const status of [...UNRESOLVED_INCIDENT_STATUSES, "resolved" as const, ...MAINTENANCE_STATUSES]) {
      expect(describePublicStatus(status)).toEqual({
        label: INCIDENT_STATUS_LABELS[status],
        postmortemPublished: false,
        text: INCIDENT_STATUS_LABELS[status],
      });
    }
  });
});
