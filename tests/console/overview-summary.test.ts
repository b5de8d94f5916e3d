import { describe, expect, it } from "vitest";
import { splitComponents, summarizeOverview } from "@/app/(admin)/admin/_lib/overview-summary";
import type { ComponentStatus } from "@/lib/status";

const components = (...statuses: ComponentStatus[]) => statuses.map((status, i) => ({ id: `c${i}`, status }));

describe("overview summary", () => {
  it("counts what the components card lists, naming maintenance separately", () => {
    const listed = components("major_outage", "under_maintenance", "degraded_performance", "under_maintenance");
    const { impaired, maintenance } = splitComponents(listed);
    expect(impaired.map((c) => c.status)).toEqual(["major_outage", "degraded_performance"]);
    expect(maintenance).toHaveLength(2);
    const summary = summarizeOverview({ incidents: [{ stale: true }, { stale: false }], components: listed });
    expect(summary.parts).toEqual([
      "2 open incidents",
      "1 needs an update",
      "2 components degraded or down",
      "2 under maintenance",
    ]);
    expect(summary.calm).toBe(false);
  });

  it("is calm with only maintenance under way, and says all is operational when nothing is listed", () => {
    expect(summarizeOverview({ incidents: [], components: components("under_maintenance") })).toEqual({
      parts: ["No open incidents", "1 under maintenance"],
      calm: true,
    });
    expect(summarizeOverview({ incidents: [], components: [] })).toEqual({
      parts: ["No open incidents", "all components operational"],
      calm: true,
    });
    expect(summarizeOverview({ incidents: [], components: [], componentCount: 0 })).toEqual({
      parts: ["No open incidents", "no components yet"],
      calm: true,
    });
    expect(
      summarizeOverview({ incidents: [{ stale: false }], components: components("partial_outage") }).parts,
    ).toEqual(["1 open incident", "1 component degraded or down"]);
  });
});
