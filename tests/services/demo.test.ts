import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { setUpPage } from "@/server/services/demo/set-up-page";
import { removeDemo } from "@/server/services/demo/remove-demo";
import { createComponent } from "@/server/services/components/create-component";
import { createIncident } from "@/server/services/incidents/create-incident";
import { updatePageSettings } from "@/server/services/settings/update-page-settings";
import { getPageSetup, isPageBlank } from "@/server/queries/page-setup";
import { createMirrorPublisher } from "@/server/mirror/mirror-publisher";
import { createFolderTarget } from "@/server/mirror/targets/folder-target";
import { fullScope, scopeForTags } from "@/server/mirror/mirror-scope";
import { getMirrorInventory } from "@/server/queries/mirror-inventory";
import { TAGS } from "@/server/cache/tags";
import { actorFor } from "@/tests/support/factories";
import { expectAppError } from "@/tests/console/helpers";
import { useOwnDatabase } from "@/tests/support/own-database";
import { appRenderer, fakeStaticDir, temporaryMirrorDir } from "@/tests/mirror/support";

const OWNER = { email: "first-owner@example.test", name: "Olive Owner", password: "a long enough passphrase 42" };

/** The database as `npm start` leaves it: an unnamed page and nobody in it. */
async function freshInstall() {
  const db = getDb();
  await db.$executeRawUnsafe(
    "TRUNCATE incidents, components, component_groups, message_templates, audit_log, users, page_settings, metrics_providers CASCADE",
  );
  await db.pageSettings.create({ data: { name: "", url: "" } });
}

async function demoRowCounts() {
  const db = getDb();
  return {
    pageSettings: await db.pageSettings.count({ where: { demo: true } }),
    groups: await db.componentGroup.count({ where: { demo: true } }),
    components: await db.component.count({ where: { demo: true } }),
    incidents: await db.incident.count({ where: { demo: true } }),
    templates: await db.messageTemplate.count({ where: { demo: true } }),
    audit: await db.auditLog.count({ where: { demo: true } }),
    providers: await db.metricsProvider.count({ where: { demo: true } }),
    metrics: await db.metric.count({ where: { demo: true } }),
  };
}

async function setUpWithDemo() {
  const { user } = await setUpPage({ input: { ...OWNER, confirmPassword: OWNER.password, start: "demo" } });
  return { actor: { kind: "user" as const, userId: user.id, role: "owner" as const, label: user.email } };
}

describe("first-run set-up and the demo", { timeout: 120_000 }, () => {
  let database: Awaited<ReturnType<typeof useOwnDatabase>> | undefined;
  beforeAll(async () => {
    database = await useOwnDatabase("demo");
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(freshInstall);

  it("the owner who chooses the demo gets it seeded in the set-up, every seeded row marked demo", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    expect(await isPageBlank()).toBe(true);
    const { user, tags } = await setUpPage({
      input: { ...OWNER, confirmPassword: OWNER.password, start: "demo" },
      now,
    });
    expect(user.role).toBe("owner");
    expect(tags).toEqual(expect.arrayContaining([TAGS.page, TAGS.components, TAGS.incidents, TAGS.metrics]));

    const db = getDb();
    const settings = await db.pageSettings.findFirstOrThrow();
    expect(settings).toMatchObject({ name: "Forgeline", demo: true, setupCompletedAt: now });
    expect(await db.component.count()).toBe(12);
    // Every component, group, incident (maintenance included) and template the seed wrote is marked.
    expect(await db.component.count({ where: { demo: false } })).toBe(0);
    expect(await db.componentGroup.count({ where: { demo: false } })).toBe(0);
    expect(await db.incident.count({ where: { demo: false } })).toBe(0);
    expect(await db.incident.count({ where: { kind: "maintenance", demo: true } })).toBe(1);
    expect(await db.messageTemplate.count({ where: { demo: true } })).toBeGreaterThan(0);
    expect(await db.messageTemplate.count({ where: { demo: false } })).toBe(0);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "page.seed_demo" } })).toMatchObject({
      demo: true,
      after: { metrics: 3 },
    });
    // The owner's own rows are not the demo's.
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "user.setup-owner" } })).toMatchObject({
      demo: false,
    });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "page.setup" } })).toMatchObject({
      demo: false,
      after: { start: "demo", demoSeeded: true },
    });
    expect(await isPageBlank()).toBe(false);
  });

  it("the demo's metrics carry a month of data whose spike lines up with the jobs outage", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const started = Date.now();
    await setUpPage({ input: { ...OWNER, confirmPassword: OWNER.password, start: "demo" }, now });
    expect(Date.now() - started, "seeding the demo stays quick").toBeLessThan(15_000);
    const db = getDb();
    const provider = await db.metricsProvider.findFirstOrThrow({ where: { demo: true } });
    expect(provider.type).toBe("self");
    const metrics = await db.metric.findMany({
      where: { providerId: provider.id },
      orderBy: { position: "asc" },
      select: { id: true, name: true, suffix: true, demo: true, component: { select: { name: true } } },
    });
    expect(metrics.map((m) => [m.name, m.suffix, m.component?.name, m.demo])).toEqual([
      ["API response time", "ms", "API", true],
      ["Job start time", "s", "Docker Jobs", true],
      ["macOS job error rate", "%", "macOS Jobs", true],
    ]);
    const jobs = metrics[1];
    const points = await db.metricPoint.findMany({ where: { metricId: jobs.id }, orderBy: { at: "asc" } });
    expect(points[0].at.getTime()).toBeLessThanOrEqual(now.getTime() - 29 * 86_400_000);
    const lastDay = points.filter((p) => p.at.getTime() > now.getTime() - 86_400_000);
    expect(lastDay.length).toBeGreaterThanOrEqual(1_440);
    // Rollups are exact aggregates of the points, as recording them through the API leaves them.
    const hourly = await db.metricRollup.aggregate({
      where: { metricId: jobs.id, resolution: "hour" },
      _sum: { count: true, sum: true },
    });
    expect(hourly._sum.count).toBe(points.length);
    expect(hourly._sum.sum).toBeCloseTo(
      points.reduce((sum, p) => sum + p.value, 0),
      3,
    );

    const outage = await db.incident.findFirstOrThrow({ where: { name: "Jobs not starting", demo: true } });
    const during = points.filter((p) => p.at >= outage.startedAt && p.at <= outage.resolvedAt!);
    const before = points.filter((p) => p.at < outage.startedAt);
    const peak = Math.max(...during.map((p) => p.value));
    expect(peak).toBeGreaterThan(10 * Math.max(...before.map((p) => p.value)));

    const errors = metrics[2];
    const active = await db.incident.findFirstOrThrow({ where: { name: "Elevated errors starting macOS jobs" } });
    const latest = await db.metricPoint.findFirstOrThrow({ where: { metricId: errors.id }, orderBy: { at: "desc" } });
    const quiet = await db.metricPoint.findFirstOrThrow({
      where: { metricId: errors.id, at: { lt: active.startedAt } },
      orderBy: { at: "desc" },
    });
    expect(latest.value).toBeGreaterThan(quiet.value + 3);
  });

  it("the owner who starts empty gets a blank, unnamed page marked as set up", async () => {
    await setUpPage({ input: { ...OWNER, confirmPassword: OWNER.password, start: "empty" } });
    const db = getDb();
    const settings = await db.pageSettings.findFirstOrThrow();
    expect(settings).toMatchObject({ name: "", demo: false });
    expect(settings.setupCompletedAt).toBeInstanceOf(Date);
    expect(await db.component.count()).toBe(0);
    expect(await db.incident.count()).toBe(0);
    expect(await db.user.count({ where: { role: "owner" } })).toBe(1);
  });

  it("refuses a set-up without a choice, naming that field with the others, and creates nobody", async () => {
    const error = await expectAppError(
      setUpPage({ input: { ...OWNER, password: "short", confirmPassword: "short", start: "" } }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(expect.arrayContaining(["start", "password"]));
    const valid = await expectAppError(
      setUpPage({ input: { ...OWNER, confirmPassword: OWNER.password, start: "everything" } }),
      "VALIDATION",
    );
    expect(valid.fieldErrors?.start?.[0]).toMatch(/demo or with an empty page/);
    expect(await getDb().user.count()).toBe(0);
  });

  it("removing the demo deletes every demo row and keeps the owner's own, in one audit row with counts", async () => {
    const { actor } = await setUpWithDemo();
    const db = getDb();
    const webApp = await db.component.findFirstOrThrow({ where: { name: "Web App", demo: true } });
    const { component: own } = await createComponent({ ctx: { actor }, input: { name: "Our API" } });
    const { incident: ownIncident } = await createIncident({
      ctx: { actor },
      input: {
        name: "Our own outage",
        impact: "major",
        status: "investigating",
        message: "Looking into it.",
        components: [
          { componentId: webApp.id, status: "partial_outage" },
          { componentId: own.id, status: "major_outage" },
        ],
      },
    });
    const demoIncidentIds = (await db.incident.findMany({ where: { demo: true }, select: { id: true } })).map(
      (row) => row.id,
    );

    for (const role of ["viewer", "responder"] as const)
      await expectAppError(removeDemo({ ctx: { actor: await actorFor(role) } }), "FORBIDDEN");
    expect((await demoRowCounts()).components).toBe(12);
    const demoMetricIds = (await db.metric.findMany({ where: { demo: true }, select: { id: true } })).map((m) => m.id);
    expect(demoMetricIds).toHaveLength(3);

    const result = await removeDemo({ ctx: { actor } });
    expect(result.removed).toMatchObject({ components: 12, componentGroups: 3, maintenances: 1, metrics: 3 });
    expect(result.settingsReset).toBe(true);
    expect(result.tags).toEqual(
      expect.arrayContaining([
        TAGS.page,
        TAGS.components,
        TAGS.incidents,
        TAGS.incident(ownIncident.id),
        TAGS.metrics,
        ...demoMetricIds.map((id) => TAGS.metric(id)),
      ]),
    );
    expect(result.tags).toEqual(expect.arrayContaining(demoIncidentIds.map((id) => TAGS.incident(id))));

    expect(await demoRowCounts()).toEqual({
      pageSettings: 0,
      groups: 0,
      components: 0,
      incidents: 0,
      templates: 0,
      audit: 0,
      providers: 0,
      metrics: 0,
    });
    expect(await db.metricPoint.count()).toBe(0);
    expect(await db.metricRollup.count()).toBe(0);
    expect(await db.component.findMany({ select: { id: true } })).toEqual([{ id: own.id }]);
    const kept = await db.incident.findUniqueOrThrow({
      where: { id: ownIncident.id },
      select: { name: true, components: { select: { componentId: true } }, updates: { select: { id: true } } },
    });
    expect(kept.name).toBe("Our own outage");
    expect(kept.components).toEqual([{ componentId: own.id }]);
    expect(kept.updates).toHaveLength(1);
    expect(await db.pageSettings.findFirstOrThrow()).toMatchObject({ name: "", demo: false, companyUrl: null });

    const audit = await db.auditLog.findMany({ where: { action: "page.remove_demo" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: actor.userId, demo: false, before: { components: 12 } });
    expect(await db.auditLog.count({ where: { action: "user.setup-owner" } })).toBe(1);

    expect((await getPageSetup({ ctx: { actor } })).hasDemo).toBe(false);
    await expectAppError(removeDemo({ ctx: { actor } }), "CONFLICT");
  });

  it("settings the owner saved are theirs: removing the demo keeps them", async () => {
    const { actor } = await setUpWithDemo();
    const before = await getDb().pageSettings.findFirstOrThrow();
    await updatePageSettings({
      ctx: { actor },
      input: { version: before.version, name: "Acme", timeZone: "Europe/Berlin", brandColor: "#112233" },
    });
    expect(await getDb().pageSettings.findFirstOrThrow()).toMatchObject({ name: "Acme", demo: false });
    expect((await getPageSetup({ ctx: { actor } })).demoSettings).toBe(false);
    const { settingsReset } = await removeDemo({ ctx: { actor } });
    expect(settingsReset).toBe(false);
    expect(await getDb().pageSettings.findFirstOrThrow()).toMatchObject({ name: "Acme", timeZone: "Europe/Berlin" });
  });

  it("the static mirror drops every demo incident's pages once the demo is removed", async () => {
    const { actor } = await setUpWithDemo();
    const active = await getDb().incident.findFirstOrThrow({
      where: { demo: true, status: "identified" },
      select: { id: true },
    });
    const dir = await temporaryMirrorDir();
    const publisher = createMirrorPublisher({
      targets: [createFolderTarget(dir)],
      render: appRenderer,
      inventory: getMirrorInventory,
      staticDir: await fakeStaticDir(),
    });
    await publisher.publish(fullScope());
    const { tags } = await removeDemo({ ctx: { actor } });
    const report = await publisher.publish(scopeForTags(tags));
    expect(report.removed).toEqual(
      expect.arrayContaining([`incidents/${active.id}/index.html`, `api/v2/incidents/${active.id}.json`]),
    );
    expect(report.removed.filter((key) => key.startsWith("incidents/")).length).toBeGreaterThan(10);
  });
});
