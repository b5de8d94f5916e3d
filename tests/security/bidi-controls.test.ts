import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { sourceComponentSchema } from "@/server/services/imports/source-schemas";
import { invalidateTags } from "@/server/cache/tagged-cache";
import { TAGS } from "@/server/cache/tags";
import { actorFor, createComponent, unique } from "@/tests/support/factories";
import { ensurePageOnce } from "@/tests/api/support";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { createTemplate } from "@/server/services/templates/template-services";
import { savePostmortem } from "@/server/services/postmortems/postmortem-services";
import { createUserWithPassword } from "@/server/services/users/create-user-with-password";
import { verifyPassword } from "@/server/auth/password";
import { buildFeedModel } from "@/server/feeds/feed-model";
import { renderRss } from "@/server/feeds/rss";
import { markdownToText, renderMarkdown } from "@/lib/markdown";
import * as componentRssRoute from "@/app/components/[componentId]/history.rss/route";

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
// "Paid \u202Edeifirev\u202C" shows as "Paid verified"; the isolate hides "admin" in a reordered run.
const SPOOFED = "Paid \u202Edeifirev\u202C by \u2066admin\u2069 today";
const CLEAN = "Paid deifirev by admin today";

beforeAll(async () => {
  await ensurePageOnce();
});

describe("bidi override and isolate controls", () => {
  it("posting an update whose body holds U+202E and U+2066 stores none, and the feed shows none", async () => {
    const component = await createComponent();
    const responder = await actorFor("responder");
    const { incident } = await createIncident({
      ctx: { actor: responder },
      input: {
        name: unique("Billing"),
        status: "investigating",
        impact: "minor",
        message: `First: ${SPOOFED}`,
        components: [{ componentId: component.id, status: "degraded_performance" }],
      },
    });
    await postIncidentUpdate({
      ctx: { actor: responder },
      input: { incidentId: incident.id, status: "identified", body: SPOOFED },
    });
    const bodies = (
      await getDb().incidentUpdate.findMany({ where: { incidentId: incident.id }, select: { body: true } })
    ).map((update) => update.body);
    expect(bodies.sort()).toEqual([CLEAN, `First: ${CLEAN}`].sort());

    invalidateTags([TAGS.page, TAGS.components, TAGS.incidents]);
    const response = await componentRssRoute.GET(
      new Request(`http://feeds.test/components/${component.id}/history.rss`),
      { params: Promise.resolve({ componentId: component.id }) },
    );
    const rss = await response.text();
    expect(rss).toContain(CLEAN);
    expect(rss).not.toMatch(BIDI);
  });

  it("every other stored text from the console or the API is cleaned the same way", async () => {
    const responder = await actorFor("responder");
    const { template } = await createTemplate({
      ctx: { actor: responder },
      input: { name: unique("Tmpl"), title: SPOOFED, body: SPOOFED },
    });
    const storedTemplate = await getDb().messageTemplate.findUniqueOrThrow({ where: { id: template.id } });
    expect([storedTemplate.title, storedTemplate.body]).toEqual([CLEAN, CLEAN]);

    const { incident } = await createIncident({
      ctx: { actor: responder },
      input: { name: unique("Pm"), status: "investigating", impact: "minor", message: "Looking" },
    });
    await savePostmortem({ ctx: { actor: responder }, input: { incidentId: incident.id, body: SPOOFED, version: 0 } });
    const postmortem = await getDb().postmortem.findUniqueOrThrow({ where: { incidentId: incident.id } });
    expect(postmortem.draft).toBe(CLEAN);
  });

  it("a password keeps them: it is compared with what is typed at sign-in, never shown", async () => {
    const password = `correct \u202Ehorse\u202C battery`;
    const { user } = await createUserWithPassword({
      ctx: { actor: await actorFor("owner") },
      input: { email: `${unique("bidi")}@example.test`, name: SPOOFED, role: "viewer", password },
    });
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.name).toBe(CLEAN);
    expect(await verifyPassword(password, stored.passwordHash)).toBe(true);
  });

  it("rows stored before, or imported, are shown without them on pages, in emails and in feeds", () => {
    expect(renderMarkdown(SPOOFED)).toBe(`<p>${CLEAN}</p>\n`);
    expect(markdownToText(SPOOFED)).toBe(CLEAN);
    const at = new Date("2026-03-15T01:59:00Z");
    const rss = renderRss(
      buildFeedModel({
        pageName: "Acme \u202EsnoS",
        baseUrl: "https://status.acme.test",
        pageUpdatedAt: at,
        componentNames: new Map([["c1", "API \u2067x\u2069"]]),
        incidents: [
          {
            id: "inc1",
            kind: "incident",
            name: `Outage ${SPOOFED}`,
            status: "resolved",
            impact: "major",
            createdAt: at,
            updatedAt: at,
            startedAt: at,
            monitoringAt: null,
            resolvedAt: at,
            scheduledFor: null,
            scheduledUntil: null,
            componentIds: ["c1"],
            autoTransitionToMaintenanceState: false,
            autoTransitionToOperationalState: false,
            postmortem: { body: SPOOFED, publishedAt: at, updatedAt: at },
            updates: [
              {
                id: "u1",
                incidentId: "inc1",
                status: "resolved",
                body: SPOOFED,
                displayAt: at,
                createdAt: at,
                updatedAt: at,
                deliverNotifications: true,
                affectedComponents: [],
              },
            ],
          },
        ],
      }),
    );
    expect(rss).toContain(CLEAN);
    expect(rss).not.toMatch(BIDI);
  });
});

describe("text the importer brings from Statuspage", () => {
  it("is cleaned of bidi controls before it is written, as every service input is", () => {
    const component = sourceComponentSchema.parse({
      id: "cmp1",
      name: SPOOFED,
      description: SPOOFED,
      status: "operational",
    });
    expect(component.name).toBe(CLEAN);
    expect(component.description).toBe(CLEAN);
    expect(`${component.name}${component.description}`).not.toMatch(BIDI);
  });
});
