import { describe, expect, it } from "vitest";
import type { ComponentDto, ComponentTreeDto, IncidentDto, PageDto } from "@/lib/dto";
import {
  pageBaseUrl,
  pageIndicator,
  serializeComponents,
  serializeIncident,
  serializePage,
  summaryBody,
  type ApiContext,
} from "@/server/api/statuspage-serializers";
import { etagMatches, strongEtag } from "@/server/api/json-response";

const t0 = new Date("2026-11-01T00:00:00Z");
const page: PageDto = {
  id: "page1",
  name: "Acme",
  url: "https://status.acme.test/",
  timeZone: "Etc/UTC",
  logoUrl: null,
  faviconUrl: null,
  brandColor: "#000",
  companyUrl: null,
  supportUrl: null,
  contactEmail: null,
  twitter: null,
  privacyUrl: null,
  footerText: null,
  description: null,
  updatedAt: t0,
};

function component(id: string, overrides: Partial<ComponentDto> = {}): ComponentDto {
  return {
    id,
    name: id.toUpperCase(),
    description: null,
    status: "operational",
    position: 0,
    showcase: true,
    onlyShowIfDegraded: false,
    startDate: null,
    groupId: null,
    createdAt: t0,
    updatedAt: t0,
    ...overrides,
  };
}

const tree: ComponentTreeDto = {
  groups: [
    {
      id: "g1",
      name: "Group",
      description: "Grouped",
      position: 1,
      createdAt: t0,
      updatedAt: t0,
      componentIds: ["a", "b"],
    },
  ],
  components: [
    component("lone0", { position: 0 }),
    component("a", {
      groupId: "g1",
      position: 0,
      status: "degraded_performance",
      updatedAt: new Date("2026-11-20T00:00:00Z"),
    }),
    component("b", { groupId: "g1", position: 1, status: "partial_outage" }),
    component("lone2", { position: 2, startDate: new Date("2026-02-03T00:00:00Z") }),
  ],
};

const ctx: ApiContext = { page, tree, lastChangeAt: new Date("2026-11-24T12:00:00Z"), baseUrl: pageBaseUrl(page) };

function incident(overrides: Partial<IncidentDto> = {}): IncidentDto {
  return {
    id: "i1",
    kind: "incident",
    name: "Outage",
    status: "investigating",
    impact: "major",
    createdAt: t0,
    updatedAt: t0,
    startedAt: t0,
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    componentIds: ["b", "a", "gone"],
    autoTransitionToMaintenanceState: false,
    autoTransitionToOperationalState: false,
    updates: [
      {
        id: "u1",
        incidentId: "i1",
        status: "investigating",
        body: "Looking",
        displayAt: t0,
        createdAt: t0,
        updatedAt: t0,
        deliverNotifications: true,
        affectedComponents: [],
      },
    ],
    ...overrides,
  };
}

describe("Statuspage serializers", () => {
  it("uses the page URL without a trailing slash and the latest change as updated_at", () => {
    expect(serializePage(ctx)).toEqual({
      id: "page1",
      name: "Acme",
      url: "https://status.acme.test",
      time_zone: "Etc/UTC",
      updated_at: "2026-11-24T12:00:00.000Z",
    });
    expect(pageBaseUrl({ url: "https://status.acme.test/" }, { PUBLIC_URL: "http://public.test" })).toBe(
      "https://status.acme.test",
    );
  });

  it("takes the page's address from PUBLIC_URL, else from PORT, unless an owner set one", () => {
    expect(pageBaseUrl({ url: "" }, { PUBLIC_URL: "https://status.example.com/", PORT: "4123" })).toBe(
      "https://status.example.com",
    );
    expect(pageBaseUrl({ url: "" }, { PORT: "4123" })).toBe("http://localhost:4123");
    expect(pageBaseUrl({ url: "not a url" }, {})).toBe("http://localhost:3000");
  });

  it("orders groups and ungrouped components by position, each group followed by its children", () => {
    const components = serializeComponents(ctx);
    expect(components.map((c) => c.id)).toEqual(["lone0", "g1", "a", "b", "lone2"]);
    expect(components[1]).toMatchObject({
      group: true,
      components: ["a", "b"],
      status: "partial_outage",
      updated_at: "2026-11-20T00:00:00.000Z",
      group_id: null,
      start_date: null,
    });
    expect(components[2]).toMatchObject({ group: false, group_id: "g1", page_id: "page1" });
    expect(components[4].start_date).toBe("2026-02-03");
    expect(components[0]).not.toHaveProperty("components");
  });

  it("serializes incidents with null milestones, shortlink and known components only", () => {
    const serialized = serializeIncident(incident(), ctx);
    expect(serialized.shortlink).toBe("https://status.acme.test/incidents/i1");
    expect(serialized.components.map((c) => c.id)).toEqual(["a", "b"]);
    expect(serialized).not.toHaveProperty("scheduled_for");
    expect(serialized.incident_updates[0].affected_components).toBeNull();
    const maintenance = serializeIncident(
      incident({ kind: "maintenance", impact: "none", status: "scheduled", scheduledFor: t0 }),
      ctx,
    );
    expect(maintenance).toMatchObject({
      impact: "maintenance",
      scheduled_for: "2026-11-01T00:00:00.000Z",
      scheduled_until: null,
    });
  });

  it("computes the indicator from components, incidents and maintenance in progress", () => {
    expect(pageIndicator(tree, [], [])).toBe("major");
    expect(pageIndicator(tree, [incident({ impact: "critical" })], [])).toBe("critical");
    const calm: ComponentTreeDto = { groups: [], components: [component("x")] };
    expect(pageIndicator(calm, [], [incident({ kind: "maintenance", status: "scheduled" })])).toBe("none");
    expect(pageIndicator(calm, [], [incident({ kind: "maintenance", status: "in_progress" })])).toBe("maintenance");
    expect(summaryBody({ ...ctx, tree: calm }, [], []).status).toEqual({
      indicator: "none",
      description: "All Systems Operational",
    });
  });
});

describe("ETags", () => {
  it("are strong, stable and compared weakly for If-None-Match", () => {
    const etag = strongEtag("body");
    expect(etag).toBe(strongEtag("body"));
    expect(etag).not.toBe(strongEtag("body2"));
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`W/${etag}`, etag)).toBe(true);
    expect(etagMatches(`"x", ${etag}`, etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches('"x"', etag)).toBe(false);
    expect(etagMatches(null, etag)).toBe(false);
  });
});
