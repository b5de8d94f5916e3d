import { describe, expect, it } from "vitest";
import {
  PARTIAL_OUTAGE_WEIGHT,
  combineUptime,
  computeComponentUptime,
  formatUptimePercent,
  uptimeWindowStart,
  encodeUptime,
  decodeUptime,
  describeUptimeDayOutage,
  type StatusChangePoint,
  type UptimeIncident,
} from "@/lib/uptime";

const now = new Date("2026-11-25T12:00:00.000Z");
const windowStart = new Date("2026-08-28T00:00:00.000Z");
const at = (iso: string) => new Date(iso);
const change = (iso: string, toStatus: StatusChangePoint["toStatus"]): StatusChangePoint => ({
  changedAt: at(iso),
  toStatus,
});
const trackedMinutes = (from: Date) => (now.getTime() - from.getTime()) / 60_000;
const dayOf = (summary: ReturnType<typeof computeComponentUptime>, iso: string) =>
  summary.days.find((d) => d.date.toISOString().startsWith(iso))!;

describe("uptime window", () => {
  it("spans 90 UTC days ending today", () => {
    expect(uptimeWindowStart(now)).toEqual(windowStart);
    const summary = computeComponentUptime({ changes: [], trackingStart: null, now });
    expect(summary.days).toHaveLength(90);
    expect(summary.days[0].date).toEqual(windowStart);
    expect(summary.days[89].date).toEqual(at("2026-11-25T00:00:00.000Z"));
  });

  it("reports 100% and operational days for a component that never changed", () => {
    const summary = computeComponentUptime({
      changes: [change("2026-01-01T00:00:00Z", "operational")],
      trackingStart: at("2026-01-01"),
      now,
    });
    expect(summary.uptimePercent).toBe(100);
    expect(summary.days.every((d) => d.status === "operational" && d.majorOutageMinutes === 0)).toBe(true);
  });
});

describe("outage arithmetic", () => {
  it("counts major outage fully and partial outage at the partial weight", () => {
    const summary = computeComponentUptime({
      changes: [
        change("2026-01-01T00:00:00Z", "operational"),
        change("2026-11-10T10:00:00Z", "major_outage"),
        change("2026-11-10T11:00:00Z", "partial_outage"),
        change("2026-11-10T13:00:00Z", "operational"),
      ],
      trackingStart: at("2026-01-01"),
      now,
    });
    const day = dayOf(summary, "2026-11-10");
    expect(day.status).toBe("major_outage");
    expect(day.majorOutageMinutes).toBe(60);
    expect(day.partialOutageMinutes).toBe(120);
    const outage = 60 + 120 * PARTIAL_OUTAGE_WEIGHT;
    expect(summary.uptimePercent).toBeCloseTo(100 * (1 - outage / trackedMinutes(windowStart)), 10);
  });

  it("treats degraded performance and maintenance as up, but colours the day by them", () => {
    const summary = computeComponentUptime({
      changes: [
        change("2026-01-01T00:00:00Z", "operational"),
        change("2026-11-01T02:00:00Z", "under_maintenance"),
        change("2026-11-01T04:00:00Z", "operational"),
        change("2026-11-02T02:00:00Z", "degraded_performance"),
        change("2026-11-02T05:00:00Z", "operational"),
      ],
      trackingStart: at("2026-01-01"),
      now,
    });
    expect(summary.uptimePercent).toBe(100);
    expect(dayOf(summary, "2026-11-01").status).toBe("under_maintenance");
    expect(dayOf(summary, "2026-11-02").status).toBe("degraded_performance");
    expect(dayOf(summary, "2026-11-03").status).toBe("operational");
  });

  it("colours a day by its worst status even when an outage is brief", () => {
    const summary = computeComponentUptime({
      changes: [
        change("2026-01-01T00:00:00Z", "degraded_performance"),
        change("2026-11-20T08:00:00Z", "partial_outage"),
        change("2026-11-20T08:05:00Z", "degraded_performance"),
      ],
      trackingStart: at("2026-01-01"),
      now,
    });
    expect(dayOf(summary, "2026-11-20")).toMatchObject({
      status: "partial_outage",
      partialOutageMinutes: 5,
      majorOutageMinutes: 0,
    });
  });

  it("uses the last change before the window for the status at the window start", () => {
    const summary = computeComponentUptime({
      changes: [change("2026-08-20T00:00:00Z", "major_outage"), change("2026-08-28T06:00:00Z", "operational")],
      trackingStart: at("2026-01-01"),
      now,
    });
    expect(summary.days[0]).toMatchObject({ status: "major_outage", majorOutageMinutes: 360 });
    expect(summary.uptimePercent).toBeCloseTo(100 * (1 - 360 / trackedMinutes(windowStart)), 10);
  });

  it("ignores a status that was set and replaced at the same instant", () => {
    const summary = computeComponentUptime({
      changes: [
        change("2026-01-01T00:00:00Z", "operational"),
        change("2026-11-05T00:00:00Z", "major_outage"),
        change("2026-11-05T00:00:00Z", "operational"),
      ],
      trackingStart: at("2026-01-01"),
      now,
    });
    expect(dayOf(summary, "2026-11-05").status).toBe("operational");
    expect(summary.uptimePercent).toBe(100);
  });
});

describe("UTC day boundaries", () => {
  it("splits an outage across midnight UTC into both days", () => {
    const summary = computeComponentUptime({
      changes: [
        change("2026-01-01T00:00:00Z", "operational"),
        change("2026-11-16T23:30:00Z", "major_outage"),
        change("2026-11-17T01:15:00Z", "operational"),
      ],
      trackingStart: at("2026-01-01"),
      now,
    });
    expect(dayOf(summary, "2026-11-16")).toMatchObject({ status: "major_outage", majorOutageMinutes: 30 });
    expect(dayOf(summary, "2026-11-17")).toMatchObject({ status: "major_outage", majorOutageMinutes: 75 });
    expect(dayOf(summary, "2026-11-18").status).toBe("operational");
  });

  it("counts today only up to now, and an ongoing outage until now", () => {
    const summary = computeComponentUptime({
      changes: [change("2026-01-01T00:00:00Z", "operational"), change("2026-11-25T11:00:00Z", "major_outage")],
      trackingStart: at("2026-01-01"),
      now,
    });
    expect(summary.days[89]).toMatchObject({ status: "major_outage", majorOutageMinutes: 60 });
  });

  it("does not let a change at exactly midnight colour the previous day", () => {
    const summary = computeComponentUptime({
      changes: [
        change("2026-01-01T00:00:00Z", "operational"),
        change("2026-11-12T00:00:00Z", "major_outage"),
        change("2026-11-12T02:00:00Z", "operational"),
      ],
      trackingStart: at("2026-01-01"),
      now,
    });
    expect(dayOf(summary, "2026-11-11").status).toBe("operational");
    expect(dayOf(summary, "2026-11-12")).toMatchObject({ status: "major_outage", majorOutageMinutes: 120 });
  });
});

describe("start date", () => {
  it("shows days before start_date as no data and measures uptime from start_date", () => {
    const startDate = at("2026-11-20T00:00:00Z");
    const summary = computeComponentUptime({
      changes: [
        change("2026-11-20T00:00:00Z", "operational"),
        change("2026-11-21T00:00:00Z", "major_outage"),
        change("2026-11-21T06:00:00Z", "operational"),
      ],
      trackingStart: startDate,
      now,
    });
    expect(dayOf(summary, "2026-11-19")).toMatchObject({ status: null, majorOutageMinutes: 0 });
    expect(dayOf(summary, "2026-11-20").status).toBe("operational");
    expect(summary.days.filter((d) => d.status === null)).toHaveLength(84);
    expect(summary.uptimePercent).toBeCloseTo(100 * (1 - 360 / trackedMinutes(startDate)), 10);
  });

  it("tracks a component added mid-day from its creation time", () => {
    const created = at("2026-11-25T09:00:00Z");
    const summary = computeComponentUptime({
      changes: [change("2026-11-25T09:00:00Z", "operational"), change("2026-11-25T11:00:00Z", "partial_outage")],
      trackingStart: created,
      now,
    });
    expect(summary.days[88].status).toBeNull();
    expect(summary.days[89]).toMatchObject({ status: "partial_outage", partialOutageMinutes: 60 });
    expect(summary.uptimePercent).toBeCloseTo(100 * (1 - (60 * PARTIAL_OUTAGE_WEIGHT) / 180), 10);
  });

  it("ignores an outage recorded before start_date", () => {
    const summary = computeComponentUptime({
      changes: [change("2026-11-01T00:00:00Z", "major_outage"), change("2026-11-10T00:00:00Z", "operational")],
      trackingStart: at("2026-11-10T00:00:00Z"),
      now,
    });
    expect(summary.uptimePercent).toBe(100);
  });

  it("has no percentage for a component that starts in the future", () => {
    const summary = computeComponentUptime({ changes: [], trackingStart: at("2026-12-01T00:00:00Z"), now });
    expect(summary.uptimePercent).toBeNull();
    expect(summary.days.every((d) => d.status === null)).toBe(true);
  });
});

describe("incidents of a day", () => {
  const incidents: UptimeIncident[] = [
    {
      id: "a",
      name: "Overnight outage",
      impact: "critical",
      startedAt: at("2026-11-16T23:00:00Z"),
      resolvedAt: at("2026-11-17T02:00:00Z"),
      componentIds: ["c1", "c2"],
    },
    {
      id: "b",
      name: "Overlapping slowness",
      impact: "minor",
      startedAt: at("2026-11-17T01:00:00Z"),
      resolvedAt: at("2026-11-17T03:00:00Z"),
      componentIds: ["c1"],
    },
    {
      id: "c",
      name: "Ongoing",
      impact: "major",
      startedAt: at("2026-11-25T10:00:00Z"),
      resolvedAt: null,
      componentIds: ["c2"],
    },
  ];

  it("lists overlapping incidents on every day they touch, for the affected component only", () => {
    const c1 = computeComponentUptime({
      componentId: "c1",
      changes: [],
      trackingStart: at("2026-01-01"),
      now,
      incidents,
    });
    expect(dayOf(c1, "2026-11-16").incidents.map((i) => i.id)).toEqual(["a"]);
    expect(dayOf(c1, "2026-11-17").incidents.map((i) => i.id)).toEqual(["a", "b"]);
    expect(dayOf(c1, "2026-11-25").incidents).toEqual([]);
    const c2 = computeComponentUptime({
      componentId: "c2",
      changes: [],
      trackingStart: at("2026-01-01"),
      now,
      incidents,
    });
    expect(dayOf(c2, "2026-11-17").incidents.map((i) => i.id)).toEqual(["a"]);
    expect(dayOf(c2, "2026-11-25").incidents).toEqual([{ id: "c", name: "Ongoing" }]);
  });

  it("counts overlapping outages once in the arithmetic", () => {
    const summary = computeComponentUptime({
      changes: [
        change("2026-01-01T00:00:00Z", "operational"),
        change("2026-11-16T23:00:00Z", "major_outage"),
        change("2026-11-17T01:00:00Z", "major_outage"),
        change("2026-11-17T02:00:00Z", "partial_outage"),
        change("2026-11-17T03:00:00Z", "operational"),
      ],
      trackingStart: at("2026-01-01"),
      now,
      componentId: "c1",
      incidents,
    });
    expect(dayOf(summary, "2026-11-17")).toMatchObject({ majorOutageMinutes: 120, partialOutageMinutes: 60 });
  });
});

describe("group uptime", () => {
  it("averages component uptimes and shows the worst status and longest outage of each day", () => {
    const a = computeComponentUptime({
      componentId: "a",
      changes: [
        change("2026-01-01T00:00:00Z", "operational"),
        change("2026-11-10T00:00:00Z", "major_outage"),
        change("2026-11-10T01:00:00Z", "operational"),
      ],
      trackingStart: at("2026-01-01"),
      now,
    });
    const b = computeComponentUptime({
      componentId: "b",
      changes: [change("2026-11-20T00:00:00Z", "operational"), change("2026-11-10T00:00:00Z", "partial_outage")],
      trackingStart: at("2026-11-20T00:00:00Z"),
      now,
    });
    const group = combineUptime([a, b]);
    expect(group.uptimePercent).toBeCloseTo((a.uptimePercent! + b.uptimePercent!) / 2, 10);
    expect(dayOf(group, "2026-11-10")).toMatchObject({ status: "major_outage", majorOutageMinutes: 60 });
    expect(dayOf(group, "2026-09-01").status).toBe("operational");
    expect(combineUptime([b]).days[0].status).toBeNull();
    expect(combineUptime([]).uptimePercent).toBeNull();
  });
});

describe("formatUptimePercent", () => {
  it("rounds down so an outage never reads as 100%", () => {
    expect(formatUptimePercent(100)).toBe("100.00");
    expect(formatUptimePercent(99.999)).toBe("99.99");
    expect(formatUptimePercent(99.95)).toBe("99.95");
  });
});

describe("encoded bars", () => {
  it("round-trips a summary through the compact client form", () => {
    const incidents: UptimeIncident[] = [
      {
        id: "x",
        name: "Broken",
        impact: "major",
        startedAt: at("2026-11-10T10:00:00Z"),
        resolvedAt: at("2026-11-10T12:00:00Z"),
        componentIds: ["c"],
      },
    ];
    const summary = computeComponentUptime({
      componentId: "c",
      changes: [
        change("2026-11-10T10:00:00Z", "major_outage"),
        change("2026-11-10T11:00:00Z", "partial_outage"),
        change("2026-11-10T12:00:00Z", "operational"),
      ],
      trackingStart: at("2026-10-01T00:00:00Z"),
      now,
      incidents,
    });
    const encoded = encodeUptime(summary);
    expect(encoded.statuses).toHaveLength(90);
    expect(encoded.details).toHaveLength(1);
    expect(decodeUptime(encoded)).toEqual(summary.days.map((d) => ({ ...d, moreIncidents: 0 })));
    const day = dayOf(summary, "2026-11-10");
    expect(describeUptimeDayOutage(day)).toBe("Major outage 1 hr, partial outage 1 hr");
    expect(describeUptimeDayOutage(summary.days[0])).toBe("No data");
    expect(describeUptimeDayOutage(dayOf(summary, "2026-11-11"))).toBe("No downtime recorded");
  });

  it("names at most five incidents per day and counts the rest", () => {
    const many: UptimeIncident[] = Array.from({ length: 8 }, (_, i) => ({
      id: `i${i}`,
      name: `Incident ${i}`,
      impact: "minor",
      startedAt: at("2026-11-10T10:00:00Z"),
      resolvedAt: at("2026-11-10T11:00:00Z"),
      componentIds: ["c"],
    }));
    const summary = computeComponentUptime({
      componentId: "c",
      changes: [],
      trackingStart: at("2026-01-01"),
      now,
      incidents: many,
    });
    const decoded = decodeUptime(encodeUptime(summary));
    const day = decoded.find((d) => d.date.toISOString().startsWith("2026-11-10"))!;
    expect(day.incidents).toHaveLength(5);
    expect(day.moreIncidents).toBe(3);
  });
});
