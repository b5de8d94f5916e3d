import { describe, expect, it } from "vitest";
import {
  computeComponentUptime,
  decodeUptime,
  describeUptimeDay,
  describeUptimeDayOutage,
  encodeDayStatuses,
  encodeUptime,
  presentUptimeDay,
  type StatusChangePoint,
} from "@/lib/uptime";
import { buildUptimeBoard } from "@/server/queries/uptime-board";
import type { ComponentDto } from "@/lib/dto";

const now = new Date("2026-11-25T12:00:00.000Z");
const change = (iso: string, toStatus: StatusChangePoint["toStatus"]): StatusChangePoint => ({
  changedAt: new Date(iso),
  toStatus,
});

/** A component set to Major Outage by mistake and back to Operational five seconds later, today. */
const correctedWithinSeconds = [
  change("2026-01-01T00:00:00Z", "operational"),
  change("2026-11-25T09:00:00Z", "major_outage"),
  change("2026-11-25T09:00:05Z", "operational"),
];

function today() {
  const summary = computeComponentUptime({
    changes: correctedWithinSeconds,
    trackingStart: new Date("2026-01-01"),
    now,
  });
  return { summary, day: summary.days[summary.days.length - 1] };
}

describe("an uptime day's colour, label and text come from one computation", () => {
  it("a day corrected within seconds reads as the outage it was, for less than a minute", () => {
    const { day } = today();
    expect(presentUptimeDay(day)).toEqual({
      status: "major_outage",
      code: "m",
      label: "Major Outage",
      text: "Major outage less than 1 min",
    });
    expect(describeUptimeDayOutage(day)).toBe("Major outage less than 1 min");
    expect(describeUptimeDay(day)).toBe("Nov 25, 2026: Major Outage, Major outage less than 1 min");
  });

  it("the image's colour code and the fetched day details agree with the label and text", () => {
    const { summary, day } = today();
    expect(encodeDayStatuses([day])).toBe(presentUptimeDay(day).code);
    const decoded = decodeUptime(encodeUptime(summary));
    expect(presentUptimeDay(decoded[decoded.length - 1])).toEqual(presentUptimeDay(day));
  });

  it("a partial outage of seconds reads as partial, for less than a minute", () => {
    const summary = computeComponentUptime({
      changes: [
        change("2026-01-01T00:00:00Z", "operational"),
        change("2026-11-24T09:00:00Z", "partial_outage"),
        change("2026-11-24T09:00:10Z", "operational"),
      ],
      trackingStart: new Date("2026-01-01"),
      now,
    });
    const view = presentUptimeDay(summary.days[summary.days.length - 2]);
    expect(view).toMatchObject({ code: "p", label: "Partial Outage", text: "Partial outage less than 1 min" });
  });

  it("keeps quiet days and days without data as before", () => {
    const { summary } = today();
    expect(presentUptimeDay(summary.days[summary.days.length - 2])).toEqual({
      status: "operational",
      code: "o",
      label: "Operational",
      text: "No downtime recorded",
    });
    const untracked = computeComponentUptime({ changes: [], trackingStart: now, now });
    expect(presentUptimeDay(untracked.days[0])).toEqual({ status: null, code: "n", label: "No data", text: "No data" });
  });

  it("the bar's text alternative names the corrected day instead of 'No downtime recorded'", () => {
    const component = {
      id: "c-seconds",
      name: "API",
      description: null,
      status: "operational",
      showcase: true,
      onlyShowIfDegraded: false,
      groupId: null,
      startDate: new Date("2026-01-01"),
      createdAt: new Date("2026-01-01"),
    } as unknown as ComponentDto;
    const board = buildUptimeBoard(
      { groups: [], components: [component] },
      { windowStart: new Date(), changesByComponent: { [component.id]: correctedWithinSeconds } },
      [],
      now,
    );
    const bar = board.ungrouped[0].bar;
    expect(bar.description).toContain("Nov 25, 2026: Major outage less than 1 min.");
    expect(bar.description).not.toContain("No downtime recorded");
    expect(board.rows[0].endsWith("m")).toBe(true);
  });
});
