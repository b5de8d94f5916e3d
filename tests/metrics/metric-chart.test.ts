import { describe, expect, it } from "vitest";
import {
  METRIC_CHART_BOX,
  renderMetricChartSvg,
  summarizeMetricSeries,
  type MetricChartInput,
} from "@/lib/metric-chart";
import type { SeriesBucket } from "@/lib/metrics";

const MINUTE = 60_000;
const BUCKET = 5 * MINUTE;
const TO = Date.UTC(2026, 4, 20, 12, 0);
const FROM = TO - 24 * 60 * MINUTE;

function bucket(start: number, value: number): SeriesBucket {
  return { start, count: 1, sum: value, min: value, max: value, last: value };
}

function chart(fields: Partial<MetricChartInput> = {}): MetricChartInput {
  return {
    name: "API latency",
    suffix: "ms",
    decimalPlaces: 0,
    transform: "average",
    yAxisMin: null,
    yAxisMax: null,
    yAxisHidden: false,
    range: "day",
    from: FROM,
    to: TO,
    buckets: [bucket(FROM, 100), bucket(FROM + BUCKET, 200), bucket(FROM + 2 * BUCKET, 150)],
    markers: [],
    ...fields,
  };
}

const linePaths = (svg: string) => [...svg.matchAll(/<path class="ln"[^>]* d="([^"]+)"/g)].map((m) => m[1]);
/** A line's points in absolute coordinates: it starts with M and moves relatively after it. */
function pointsOf(d: string): [number, number][] {
  const numbers = d.match(/-?\d*\.?\d+/g)!.map(Number);
  const points: [number, number][] = [[numbers[0], numbers[1]]];
  for (let i = 2; i + 1 < numbers.length; i += 2) {
    const [x, y] = points[points.length - 1];
    points.push([x + numbers[i], y + numbers[i + 1]]);
  }
  return points;
}
const tickLabels = (svg: string) => [...svg.matchAll(/<text class="t"[^>]*>([^<]+)</g)].map((m) => m[1]);

describe("the metric chart", () => {
  it("draws one line per run of buckets and breaks it where buckets are missing, never dropping to zero", () => {
    const svg = renderMetricChartSvg(
      chart({
        buckets: [
          bucket(FROM, 100),
          bucket(FROM + BUCKET, 110),
          bucket(FROM + 2 * BUCKET, 120),
          // Three buckets missing: a gap.
          bucket(FROM + 6 * BUCKET, 130),
          bucket(FROM + 7 * BUCKET, 140),
          // One missing bucket is bridged.
          bucket(FROM + 9 * BUCKET, 150),
        ],
      }),
    );
    const paths = linePaths(svg);
    expect(paths).toHaveLength(2);
    expect(pointsOf(paths[0])).toHaveLength(3);
    expect(pointsOf(paths[1])).toHaveLength(3);
    for (const d of paths) for (const [, y] of pointsOf(d)) expect(y).toBeLessThan(METRIC_CHART_BOX.plotBottom - 10);
    expect(pointsOf(paths[1])[0][0]).toBeGreaterThan(pointsOf(paths[0])[2][0] + 3 * 2);
  });

  it("keeps coordinates to one decimal", () => {
    const svg = renderMetricChartSvg(
      chart({ buckets: [bucket(FROM + 7 * MINUTE, 33.3333), bucket(FROM + BUCKET * 2, 66.6667)] }),
    );
    for (const number of linePaths(svg)
      .join(" ")
      .match(/[\d.]+/g)!)
      expect(number).toMatch(/^\d+(\.\d)?$/);
  });

  it("respects the configured y axis bounds, labelling ticks left of the plot and the unit once above them", () => {
    const svg = renderMetricChartSvg(chart({ yAxisMin: 50, yAxisMax: 250 }));
    const labels = tickLabels(svg);
    expect(labels).toEqual(["50", "100", "150", "200", "250"]);
    expect(svg.match(/<text class="u"[^>]*>ms</g)).toHaveLength(1);
    // The labels end left of the plot, so the line never runs through them.
    for (const [, x] of svg.matchAll(/<text class="[tu]" x="([\d.]+)"[^>]*text-anchor="end"/g))
      expect(Number(x)).toBeLessThan(METRIC_CHART_BOX.plotLeft);
    const values = labels.map((label) => Number(label.replace(/[^\d.]/g, "")));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...values)).toBeLessThanOrEqual(250);
    // 100 at the bottom third of [50, 250].
    const firstY = pointsOf(linePaths(svg)[0])[0][1];
    const { plotTop, plotBottom } = METRIC_CHART_BOX;
    expect(Math.abs(firstY - (plotBottom - 0.25 * (plotBottom - plotTop)))).toBeLessThanOrEqual(0.5);
  });

  it("takes the axis from the data when unset, from zero, to a nice round maximum", () => {
    const labels = tickLabels(renderMetricChartSvg(chart()));
    expect(labels).toContain("0");
    expect(labels.at(-1)).toBe("200");
  });

  it("hides the y axis labels when asked", () => {
    const svg = renderMetricChartSvg(chart({ yAxisHidden: true }));
    expect(tickLabels(svg)).toEqual([]);
    expect(svg).not.toContain('class="u"');
  });

  it("marks incidents and maintenances as bands at their time, coloured by impact, to the end when unresolved", () => {
    const start = FROM + 6 * 60 * MINUTE;
    const svg = renderMetricChartSvg(
      chart({
        markers: [
          { start, end: start + 2 * 60 * MINUTE, kind: "incident", impact: "major", name: "Slow API" },
          { start: TO - 60 * MINUTE, end: null, kind: "maintenance", impact: "maintenance", name: "Upgrade" },
          {
            start: FROM - 10 * 24 * 60 * MINUTE,
            end: FROM - 9 * 24 * 60 * MINUTE,
            kind: "incident",
            impact: "minor",
            name: "Old",
          },
        ],
      }),
    );
    const markers = [
      ...svg.matchAll(
        /<g class="mk i-(\w+)" data-kind="(\w+)"><title>([^<]+)<\/title><rect x="([\d.]+)"[^>]* width="([\d.]+)"/g,
      ),
    ];
    expect(markers).toHaveLength(2);
    const { plotLeft, plotRight } = METRIC_CHART_BOX;
    const plotWidth = plotRight - plotLeft;
    expect(markers[0][1]).toBe("major");
    expect(markers[0][3]).toContain("Incident: Slow API, major impact");
    expect(Number(markers[0][4])).toBeCloseTo(plotLeft + plotWidth * 0.25, 0);
    expect(Number(markers[0][5])).toBeCloseTo(plotWidth / 12, 0);
    expect(markers[1][2]).toBe("maintenance");
    expect(markers[1][3]).toContain("ongoing");
    expect(Number(markers[1][4]) + Number(markers[1][5])).toBeCloseTo(plotRight, 0);
  });

  it("says No data instead of drawing a flat line when there are no points", () => {
    const svg = renderMetricChartSvg(chart({ buckets: [] }));
    expect(svg).toContain(">No data</text>");
    expect(linePaths(svg)).toEqual([]);
    expect(svg).toContain("<title>API latency over the last day: no data.</title>");
  });

  it("summarises the data in its accessible name, and escapes what the metric's owner wrote", () => {
    const svg = renderMetricChartSvg(
      chart({
        name: `<script>alert("x")</script> & co`,
        suffix: "<b>",
        markers: [{ start: FROM, end: TO, kind: "incident", impact: "minor", name: "</title><script>" }],
      }),
    );
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co over the last day");
    expect(svg).toMatch(/latest 150 &lt;b&gt;, minimum 100 &lt;b&gt;, maximum 200 &lt;b&gt;, average 150 &lt;b&gt;/);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]* role="img"/);
  });

  it("draws each bucket with the metric's transform", () => {
    const buckets = [{ start: FROM, count: 4, sum: 40, min: 1, max: 30, last: 5 }];
    expect(summarizeMetricSeries("average", buckets)?.last).toBe(10);
    expect(summarizeMetricSeries("max", buckets)?.last).toBe(30);
    expect(summarizeMetricSeries("count", buckets)?.last).toBe(4);
  });
});
