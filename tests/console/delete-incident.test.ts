import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { createIncident } from "@/server/services/incidents/create-incident";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { deleteConfirmedIncident } from "@/server/services/incidents/delete-confirmed-incident";
import { getIncidentDetail, listRecentIncidents, listUnresolvedIncidents } from "@/server/queries/public-status";
import { createMirrorPublisher } from "@/server/mirror/mirror-publisher";
import { createFolderTarget } from "@/server/mirror/targets/folder-target";
import { scopeForTags } from "@/server/mirror/mirror-scope";
import { getMirrorInventory } from "@/server/queries/mirror-inventory";
import { TAGS } from "@/server/cache/tags";
import { createComponent, unique } from "@/tests/support/factories";
import { ctxFor, expectAppError } from "@/tests/console/helpers";
import { ensurePageOnce } from "@/tests/api/support";
import { appRenderer, fakeStaticDir, temporaryMirrorDir } from "@/tests/mirror/support";

async function declare(name: string) {
  await ensurePageOnce();
  const component = await createComponent();
  const { incident } = await createIncident({
    ctx: await ctxFor("responder"),
    input: {
      name,
      impact: "major",
      status: "investigating",
      message: "Looking into it.",
      components: [{ componentId: component.id, status: "partial_outage" }],
    },
  });
  return incident;
}

async function text(url: string): Promise<{ status: number; body: string }> {
  const response = await appRenderer(url);
  return { status: response.status, body: await response.text() };
}

describe("deleting an incident from the console", { timeout: 90_000 }, () => {
  it("is for owners only, once the name is typed back, and is audited", async () => {
    const name = unique("Wrongly declared");
    const incident = await declare(name);
    await expectAppError(
      deleteConfirmedIncident({
        ctx: await ctxFor("responder"),
        input: { incidentId: incident.id, confirmName: name },
      }),
      "FORBIDDEN",
    );
    const owner = await ctxFor("owner");
    const refused = await expectAppError(
      deleteConfirmedIncident({ ctx: owner, input: { incidentId: incident.id, confirmName: "something else" } }),
      "VALIDATION",
    );
    expect(refused.fieldErrors?.confirmName?.[0]).toMatch(/incident's name/);
    expect(await getDb().incident.count({ where: { id: incident.id } })).toBe(1);

    const result = await deleteConfirmedIncident({
      ctx: owner,
      input: { incidentId: incident.id, confirmName: ` ${name} ` },
    });
    expect(result.kind).toBe("incident");
    expect(result.tags).toEqual(expect.arrayContaining([TAGS.incident(incident.id), TAGS.incidents]));
    expect(await getDb().incident.count({ where: { id: incident.id } })).toBe(0);
    const audit = await getDb().auditLog.findFirstOrThrow({
      where: { action: "incident.delete", entityId: incident.id },
    });
    expect(audit.actorId).toBe(owner.actor.kind === "user" ? owner.actor.userId : null);
    await expectAppError(
      deleteConfirmedIncident({ ctx: owner, input: { incidentId: incident.id, confirmName: name } }),
      "NOT_FOUND",
    );
  });

  it("a deleted maintenance is reported as one, so the console returns to the maintenance list", async () => {
    await ensurePageOnce();
    const name = unique("Window");
    const { maintenance } = await scheduleMaintenance({
      ctx: await ctxFor("responder"),
      input: {
        name,
        message: "Upgrading.",
        scheduledFor: new Date(Date.now() + 86_400_000).toISOString(),
        scheduledUntil: new Date(Date.now() + 90_000_000).toISOString(),
      },
    });
    const result = await deleteConfirmedIncident({
      ctx: await ctxFor("owner"),
      input: { incidentId: maintenance.id, confirmName: name },
    });
    expect(result.kind).toBe("maintenance");
  });

  it("is gone from every surface: public lists, its page, the feeds, the v2 API and the static mirror", async () => {
    const name = unique("Gone everywhere");
    const incident = await declare(name);
    const dir = await temporaryMirrorDir();
    const publisher = createMirrorPublisher({
      targets: [createFolderTarget(dir)],
      render: appRenderer,
      inventory: getMirrorInventory,
      staticDir: await fakeStaticDir(),
    });
    await publisher.publish(scopeForTags([TAGS.incident(incident.id)]));
    expect((await listUnresolvedIncidents()).map((i) => i.id)).toContain(incident.id);
    expect((await text("/history.rss")).body).toContain(incident.id);

    const { tags } = await deleteConfirmedIncident({
      ctx: await ctxFor("owner"),
      input: { incidentId: incident.id, confirmName: name },
    });

    expect(await getIncidentDetail(incident.id)).toBeNull();
    expect((await listUnresolvedIncidents()).map((i) => i.id)).not.toContain(incident.id);
    expect((await listRecentIncidents(200)).map((i) => i.id)).not.toContain(incident.id);
    expect((await text(`/incidents/${incident.id}`)).status).toBe(404);
    expect((await text(`/api/v2/incidents/${incident.id}.json`)).status).toBe(404);
    for (const url of ["/api/v2/incidents.json", "/api/v2/incidents/unresolved.json", "/api/v2/summary.json"])
      expect((await text(url)).body).not.toContain(incident.id);
    for (const url of ["/history.rss", "/history.atom", "/history.json"])
      expect((await text(url)).body).not.toContain(incident.id);

    const report = await publisher.publish(scopeForTags(tags));
    expect(report.removed).toEqual(
      expect.arrayContaining([`incidents/${incident.id}/index.html`, `api/v2/incidents/${incident.id}.json`]),
    );
  });
});
