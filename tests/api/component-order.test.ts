import { describe, expect, it } from "vitest";
import type { ComponentDto, ComponentTreeDto, IncidentDto, PageDto } from "@/lib/dto";
import { componentsInPageOrder, inPageOrder } from "@/lib/component-order";
import { serializeIncident } from "@/server/api/statuspage-serializers";
import { incidentContentHtml } from "@/server/feeds/feed-model";

const t0 = new Date("2026-11-01T00:00:00Z");
const page = { id: "p", name: "Acme", url: "https://status.acme.test", updatedAt: t0 } as PageDto;

function component(id: string, name: string, position: number, groupId: string | null = null): ComponentDto {
  return {
    id,
    name,
    description: null,
    status: "operational",
    position,
    showcase: true,
    onlyShowIfDegraded: false,
    startDate: null,
    groupId,
    createdAt: t0,
    updatedAt: t0,
  };
}

// On the page: Web App, then the Jobs group (Windows Jobs, CircleCI UI), then Runner.
const tree: ComponentTreeDto = {
  groups: [
    {
      id: "jobs",
      name: "Jobs",
      description: null,
      position: 1,
      createdAt: t0,
      updatedAt: t0,
      componentIds: ["win", "ui"],
    },
  ],
  components: [
    component("runner", "Runner", 0),
    component("web", "Web App", 0),
    component("win", "Windows Jobs", 0, "jobs"),
    component("ui", "CircleCI UI", 1, "jobs"),
  ],
};
tree.components[0].position = 2;

const incident = {
  id: "i1",
  kind: "incident",
  name: "Jobs failing",
  status: "resolved",
  impact: "major",
  createdAt: t0,
  updatedAt: t0,
  startedAt: t0,
  monitoringAt: null,
  resolvedAt: t0,
  scheduledFor: null,
  scheduledUntil: null,
  componentIds: ["runner", "ui", "win"],
  updates: [],
  autoTransitionToMaintenanceState: false,
  autoTransitionToOperationalState: false,
} as IncidentDto;

describe("affected components", () => {
  it("are listed in the page's component order by the page, the JSON API and the feeds alike", () => {
    expect(componentsInPageOrder(tree).map((c) => c.name)).toEqual([
      "Web App",
      "Windows Jobs",
      "CircleCI UI",
      "Runner",
    ]);
    const pageOrder = ["Windows Jobs", "CircleCI UI", "Runner"];
    expect(inPageOrder(tree, incident.componentIds).map((c) => c.name)).toEqual(pageOrder);
    const api = serializeIncident(incident, { page, tree, lastChangeAt: null, baseUrl: page.url });
    expect(api.components.map((c) => c.name)).toEqual(pageOrder);
    const names = new Map(componentsInPageOrder(tree).map((c) => [c.id, c.name]));
    expect(incidentContentHtml({ ...incident, postmortem: null }, names)).toContain(
      "This incident affected: Windows Jobs, CircleCI UI, and Runner.",
    );
  });
});
