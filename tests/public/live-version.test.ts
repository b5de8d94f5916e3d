import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { clearCacheForTests, invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { getLiveVersion } from "@/server/queries/live-version";
import { createComponent, ensurePage, unique } from "../support/factories";

describe("live version", () => {
  it("stays the same while nothing changes and changes with components, incidents and postmortems", async () => {
    clearCacheForTests();
    await ensurePage();
    const component = await createComponent();
    const incident = await getDb().incident.create({
      data: {
        name: unique("Live"),
        status: "resolved",
        impact: "minor",
        resolvedAt: new Date(),
        components: { create: [{ componentId: component.id }] },
      },
    });
    const first = await getLiveVersion(incident.id);
    expect(await getLiveVersion(incident.id)).toBe(first);

    await getDb().component.update({ where: { id: component.id }, data: { status: "major_outage" } });
    expect(await getLiveVersion(incident.id)).toBe(first);
    invalidateTags([TAGS.components]);
    const second = await getLiveVersion(incident.id);
    expect(second).not.toBe(first);

    await getDb().incidentUpdate.create({
      data: { incidentId: incident.id, status: "resolved", body: "Done.", displayAt: new Date() },
    });
    invalidateTags([TAGS.incidents, TAGS.incident(incident.id)]);
    const third = await getLiveVersion(incident.id);
    expect(third).not.toBe(second);

    await getDb().postmortem.create({
      data: { incidentId: incident.id, body: "What happened.", draft: "What happened.", publishedAt: new Date() },
    });
    invalidateTags([TAGS.incident(incident.id)]);
    const fourth = await getLiveVersion(incident.id);
    expect(fourth).not.toBe(third);
    expect(await getLiveVersion()).not.toBe(fourth);
  });
});
