import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { TAGS } from "@/server/cache/tags";
import { createIncident } from "@/server/services/incidents/create-incident";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import {
  publishPostmortem,
  savePostmortem,
  unpublishPostmortem,
} from "@/server/services/postmortems/postmortem-services";
import { unique } from "@/tests/support/factories";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { getIncidentDetail } from "@/server/queries/public-status";
import { ctxFor, expectAppError } from "@/tests/console/helpers";

describe("postmortems", () => {
  it("drafts, publishes (incident takes the postmortem status), edits after publishing, and unpublishes", async () => {
    const ctx = await ctxFor();
    const { incident } = await createIncident({
      ctx,
      input: { name: unique("PM"), impact: "major", status: "investigating", message: "x" },
    });
    const draft = await savePostmortem({ ctx, input: { incidentId: incident.id, body: "# Draft", version: 0 } });
    expect(draft.postmortem).toMatchObject({ publishedAt: null, version: 1 });
    expect(draft.tags).toEqual([]);
    const early = await expectAppError(
      publishPostmortem({ ctx, input: { incidentId: incident.id, body: "# Draft", version: 1 } }),
      "VALIDATION",
    );
    expect(early.fieldErrors?.body?.[0]).toMatch(/Resolve the incident/);
    await resolveIncident({ ctx, input: { incidentId: incident.id } });
    const published = await publishPostmortem({
      ctx,
      input: { incidentId: incident.id, body: "# Final\n\nRoot cause", version: 1 },
    });
    expect(published.postmortem.publishedAt).toBeInstanceOf(Date);
    expect(published.tags).toEqual(expect.arrayContaining([TAGS.incidents, TAGS.incident(incident.id)]));
    expect((await getDb().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("postmortem");
    const edited = await savePostmortem({
      ctx,
      input: { incidentId: incident.id, body: "# Final\n\nRoot cause, corrected", version: 2 },
    });
    expect(edited.postmortem.publishedAt?.getTime()).toBe(published.postmortem.publishedAt?.getTime());
    await expectAppError(
      savePostmortem({ ctx, input: { incidentId: incident.id, body: "stale", version: 2 } }),
      "CONFLICT",
    );
    await unpublishPostmortem({ ctx, input: { incidentId: incident.id } });
    const after = await getDb().incident.findUniqueOrThrow({
      where: { id: incident.id },
      include: { postmortem: true },
    });
    expect(after.status).toBe("resolved");
    expect(after.postmortem).toMatchObject({ publishedAt: null, draft: "# Final\n\nRoot cause, corrected" });
  });

  it("editing the draft of a published postmortem changes nothing readers see until it is published again", async () => {
    const ctx = await ctxFor();
    const { incident } = await createIncident({
      ctx,
      input: { name: unique("Draft vs live"), impact: "minor", status: "investigating", message: "x" },
    });
    await resolveIncident({ ctx, input: { incidentId: incident.id } });
    const readerSees = async () => {
      invalidateTags([TAGS.incident(incident.id)]);
      return (await getIncidentDetail(incident.id))?.postmortem?.body ?? null;
    };
    await publishPostmortem({ ctx, input: { incidentId: incident.id, body: "Live text", version: 0 } });
    expect(await readerSees()).toBe("Live text");
    const edited = await savePostmortem({
      ctx,
      input: { incidentId: incident.id, body: "Draft in progress", version: 1 },
    });
    expect(edited.tags).toEqual([]);
    expect(await readerSees()).toBe("Live text");
    const row = await getDb().postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect(row).toMatchObject({ body: "Live text", draft: "Draft in progress" });
    expect(row.publishedAt).not.toBeNull();
    const republished = await publishPostmortem({
      ctx,
      input: { incidentId: incident.id, body: "Draft in progress", version: 2 },
    });
    expect(republished.tags).toContain(TAGS.incident(incident.id));
    expect(republished.postmortem.publishedAt?.getTime()).toBe(row.publishedAt?.getTime());
    expect(await readerSees()).toBe("Draft in progress");
  });

  it("a backfilled incident's postmortem keeps the past date it was published on, never a future one", async () => {
    const ctx = await ctxFor();
    const startedAt = new Date("2023-03-01T09:00:00Z");
    const { incident } = await createIncident({
      ctx,
      input: {
        name: unique("Backfilled"),
        impact: "major",
        status: "investigating",
        message: "x",
        startedAt,
        deliverNotifications: false,
      },
    });
    await resolveIncident({
      ctx,
      input: { incidentId: incident.id, displayAt: new Date("2023-03-01T11:30:00Z"), deliverNotifications: false },
    });
    const resolved = await getDb().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: new Date("2023-03-01T11:30:00Z") });

    const input = { incidentId: incident.id, body: "# What happened", version: 0 };
    const future = await expectAppError(
      publishPostmortem({ ctx, input: { ...input, publishedAt: new Date(Date.now() + 86_400_000) } }),
      "VALIDATION",
    );
    expect(future.fieldErrors?.publishedAt).toEqual(["A postmortem cannot be dated in the future."]);
    const early = await expectAppError(
      publishPostmortem({ ctx, input: { ...input, publishedAt: "2023-02-28T00:00:00Z" } }),
      "VALIDATION",
    );
    expect(early.fieldErrors?.publishedAt).toEqual([
      "A postmortem cannot be published before the incident was resolved.",
    ]);
    const { postmortem } = await publishPostmortem({ ctx, input: { ...input, publishedAt: "2023-03-11T10:00:00Z" } });
    expect(postmortem.publishedAt).toEqual(new Date("2023-03-11T10:00:00Z"));
  });

  it("a resolution is dated in the past only, and not before the update it closes", async () => {
    const ctx = await ctxFor();
    const { incident } = await createIncident({
      ctx,
      input: {
        name: unique("Resolve date"),
        impact: "minor",
        status: "investigating",
        message: "x",
        startedAt: new Date("2024-05-01T08:00:00Z"),
        deliverNotifications: false,
      },
    });
    const future = await expectAppError(
      resolveIncident({ ctx, input: { incidentId: incident.id, displayAt: new Date(Date.now() + 3_600_000) } }),
      "VALIDATION",
    );
    expect(future.fieldErrors?.displayAt).toEqual(["A resolution cannot be dated in the future."]);
    const early = await expectAppError(
      resolveIncident({ ctx, input: { incidentId: incident.id, displayAt: "2024-04-30T00:00:00Z" } }),
      "VALIDATION",
    );
    expect(early.fieldErrors?.displayAt?.[0]).toMatch(/at or after the latest update/);
  });

  it("a viewer cannot save or publish; an empty body is refused by field", async () => {
    const viewer = await ctxFor("viewer");
    await expectAppError(
      savePostmortem({ ctx: viewer, input: { incidentId: "abc", body: "x", version: 0 } }),
      "FORBIDDEN",
    );
    await expectAppError(
      publishPostmortem({ ctx: viewer, input: { incidentId: "abc", body: "x", version: 0 } }),
      "FORBIDDEN",
    );
    const ctx = await ctxFor();
    const error = await expectAppError(
      savePostmortem({ ctx, input: { incidentId: "abc", body: "   ", version: 0 } }),
      "VALIDATION",
    );
    expect(error.fieldErrors?.body).toEqual(["Postmortem is required."]);
  });
});
