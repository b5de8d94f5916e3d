import { describe, expect, it } from "vitest";
import { consoleNavGroups, locateInNav } from "@/app/(admin)/admin/_lib/console-nav";
import { incidentHref } from "@/lib/console-links";

const labels = (role: Parameters<typeof consoleNavGroups>[0]) =>
  consoleNavGroups(role).map((g) => [g.label, g.items.map((i) => i.label)]);

describe("console navigation", () => {
  it("groups the thirteen pages an owner sees into five sections", () => {
    expect(labels("owner")).toEqual([
      ["Overview", ["Overview"]],
      ["Incidents & maintenance", ["Incidents", "Maintenance", "Templates"]],
      ["Page", ["Components", "Metrics", "Subscribers", "Settings"]],
      ["People & access", ["Users", "API keys", "Audit log"]],
      ["Integrations", ["Integrations", "Chat channels"]],
    ]);
    expect(consoleNavGroups("owner").flatMap((g) => g.items)).toHaveLength(13);
  });

  it("names a section left with one page after that page, and drops sections a role cannot open", () => {
    expect(labels("responder")).toEqual([
      ["Overview", ["Overview"]],
      ["Incidents & maintenance", ["Incidents", "Maintenance", "Templates"]],
      ["Page", ["Components", "Metrics"]],
      ["Chat channels", ["Chat channels"]],
    ]);
    expect(labels("viewer").map(([label]) => label)).toEqual(["Overview", "Incidents & maintenance", "Page"]);
  });

  it("marks the section and page an address belongs to, the most specific page winning", () => {
    const groups = consoleNavGroups("owner");
    const at = (path: string) => {
      const { group, item } = locateInNav(groups, path);
      return [group?.label ?? null, item?.label ?? null];
    };
    expect(at("/admin")).toEqual(["Overview", "Overview"]);
    expect(at("/admin/maintenance/abc")).toEqual(["Incidents & maintenance", "Maintenance"]);
    expect(at("/admin/maintenance/new")).toEqual(["Incidents & maintenance", "Maintenance"]);
    expect(at("/admin/incidents/abc/postmortem")).toEqual(["Incidents & maintenance", "Incidents"]);
    expect(at("/admin/settings/email")).toEqual(["Page", "Settings"]);
    expect(at("/admin/metrics/new")).toEqual(["Page", "Metrics"]);
    expect(at("/admin/users/")).toEqual(["People & access", "Users"]);
    // "/admin" is only the overview itself, and a lookalike prefix is not a match.
    expect(at("/admin/nope")).toEqual([null, null]);
    expect(at("/admin/incidentsx")).toEqual([null, null]);
  });

  it("sends a maintenance to the Maintenance section's address", () => {
    expect(incidentHref({ kind: "maintenance", id: "m1" })).toBe("/admin/maintenance/m1");
    expect(incidentHref({ kind: "incident", id: "i1" })).toBe("/admin/incidents/i1");
  });
});
