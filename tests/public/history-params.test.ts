import { describe, expect, it } from "vitest";
import { historyHref, historyMonths, monthHref, monthRange, parseHistoryQuery } from "@/lib/history-params";

describe("history query parameters", () => {
  it("reads a page number and a component id", () => {
    expect(parseHistoryQuery({ page: "3", component: "abc_DEF-1" })).toEqual({
      page: 3,
      componentId: "abc_DEF-1",
      month: null,
      problems: [],
    });
    expect(parseHistoryQuery({})).toEqual({ page: 1, componentId: null, month: null, problems: [] });
  });

  it("falls back to defaults and explains malformed values instead of throwing", () => {
    for (const page of ["abc", "0", "-1", "1.5", "99999999999999999999", "1e3"]) {
      const parsed = parseHistoryQuery({ page });
      expect(parsed.page, page).toBe(1);
      expect(parsed.problems[0]).toMatch(/^page must be a whole number/);
    }
    const bad = parseHistoryQuery({ component: "'; drop table" });
    expect(bad.componentId).toBeNull();
    expect(bad.problems[0]).toMatch(/^component is not a valid component id/);
  });

  it("takes the first of repeated parameters", () => {
    expect(parseHistoryQuery({ page: ["2", "5"], component: ["a", "b"] })).toMatchObject({ page: 2, componentId: "a" });
  });

  it("covers three UTC months a page, newest first, across year boundaries", () => {
    const now = new Date("2026-02-10T12:00:00Z");
    const first = historyMonths(now, 1);
    expect(first.months.map((m) => m.toISOString().slice(0, 7))).toEqual(["2026-02", "2026-01", "2025-12"]);
    expect(first.from.toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(first.to.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    const second = historyMonths(now, 2);
    expect(second.months.map((m) => m.toISOString().slice(0, 7))).toEqual(["2025-11", "2025-10", "2025-09"]);
    expect(second.to).toEqual(first.from);
  });

  it("builds links that keep the filter", () => {
    expect(historyHref(1, null)).toBe("/history");
    expect(historyHref(2, "abc")).toBe("/history?page=2&component=abc");
  });
});

describe("one whole month of history", () => {
  it("reads ?month=YYYY-MM and covers exactly that month in UTC", () => {
    const query = parseHistoryQuery({ month: "2026-02", component: "abc" });
    expect(query.month?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    const range = monthRange(query.month!);
    expect(range.from.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(range.to.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(monthHref(query.month!, "abc")).toBe("/history?month=2026-02&component=abc");
  });

  it("explains a malformed month instead of failing", () => {
    for (const month of ["2026-13", "26-01", "2026-1", "<script>", "2026-00"]) {
      const query = parseHistoryQuery({ month });
      expect(query.month, month).toBeNull();
      expect(query.problems.join(" "), month).toContain("month must look like 2026-03");
    }
  });
});
