import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { authorize, type ActorContext } from "@/server/auth/actor";

export type DemoCounts = {
  componentGroups: number;
  components: number;
  incidents: number;
  maintenances: number;
  templates: number;
  auditEntries: number;
};

export type PageSetup = {
  name: string;
  componentCount: number;
  /** The page settings are still the demo's (never saved by the owner). */
  demoSettings: boolean;
  demo: DemoCounts;
  /** Any row the demo seeded is still there. */
  hasDemo: boolean;
};

export async function countDemoRows(db: DbOrTx): Promise<DemoCounts> {
  const [componentGroups, components, incidents, maintenances, templates, auditEntries] = await Promise.all([
    db.componentGroup.count({ where: { demo: true } }),
    db.component.count({ where: { demo: true } }),
    db.incident.count({ where: { demo: true, kind: "incident" } }),
    db.incident.count({ where: { demo: true, kind: "maintenance" } }),
    db.messageTemplate.count({ where: { demo: true } }),
    db.auditLog.count({ where: { demo: true } }),
  ]);
  return { componentGroups, components, incidents, maintenances, templates, auditEntries };
}

async function readSetup(db: DbOrTx): Promise<PageSetup> {
  const [settings, componentCount, demo] = await Promise.all([
    db.pageSettings.findFirst({ select: { name: true, demo: true } }),
    db.component.count(),
    countDemoRows(db),
  ]);
  const demoSettings = settings?.demo ?? false;
  return {
    name: settings?.name.trim() ?? "",
    componentCount,
    demoSettings,
    demo,
    hasDemo: demoSettings || Object.values(demo).some((count) => count > 0),
  };
}

/** How far the page is from ready (named, with components) and whether the demo is still in it, for the console. */
export async function getPageSetup({ ctx }: { ctx: ActorContext }): Promise<PageSetup> {
  authorize(ctx.actor, "viewer");
  return readSetup(ctx.db ?? getDb());
}

/**
 * Before the first user exists: whether the page is still blank, so the set-up form can offer the demo. A page
 * seeded at start (SEED_DEMO=1) or filled by an import is not offered it again.
 */
export async function isPageBlank(db: DbOrTx = getDb()): Promise<boolean> {
  const setup = await readSetup(db);
  return !setup.hasDemo && setup.componentCount === 0;
}
