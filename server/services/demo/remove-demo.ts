import "server-only";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { AppError } from "@/server/errors";
import { TAGS } from "@/server/cache/tags";
import { countDemoRows } from "@/server/queries/page-setup";
import { BLANK_PAGE_SETTINGS } from "@/lib/blank-page-settings";

const UNNAMED_PAGE = { ...BLANK_PAGE_SETTINGS, demo: false };

/**
 * Owner-only: deletes every row the demo seeded and nothing else. Updates, status history and postmortems go
 * with their incident or component; the owner's own incidents stay (they just stop listing a deleted demo
 * component), and so do components the owner added to a demo group. Settings the owner never saved go back to an
 * unnamed page.
 */
export async function removeDemo({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx.actor, "owner");
  return inTransaction(ctx, async (tx) => {
    const counts = await countDemoRows(tx);
    const settings = await tx.pageSettings.findFirst({ select: { id: true, demo: true } });
    const metrics = await tx.metric.findMany({ where: { demo: true }, select: { id: true } });
    const nothing = Object.values(counts).every((count) => count === 0) && metrics.length === 0 && !settings?.demo;
    if (nothing) throw new AppError("CONFLICT", "There is no demo data left to remove.");

    const incidents = await tx.incident.findMany({ where: { demo: true }, select: { id: true } });
    const ownIncidents = await tx.incidentComponent.findMany({
      where: { component: { demo: true }, incident: { demo: false } },
      select: { incidentId: true },
      distinct: ["incidentId"],
    });
    await tx.incident.deleteMany({ where: { demo: true } });
    // Points and rollups go with their metric; a demo provider the owner added metrics to stays, as theirs.
    await tx.metric.deleteMany({ where: { demo: true } });
    await tx.metricsProvider.deleteMany({ where: { demo: true, metrics: { none: {} } } });
    await tx.metricsProvider.updateMany({ where: { demo: true }, data: { demo: false } });
    await tx.component.deleteMany({ where: { demo: true } });
    await tx.componentGroup.deleteMany({ where: { demo: true } });
    await tx.messageTemplate.deleteMany({ where: { demo: true } });
    await tx.auditLog.deleteMany({ where: { demo: true } });
    if (settings?.demo)
      await tx.pageSettings.update({
        where: { id: settings.id },
        data: { ...UNNAMED_PAGE, version: { increment: 1 } },
      });

    await writeAudit(tx, ctx.actor, {
      action: "page.remove_demo",
      entityType: "page",
      entityId: settings?.id,
      before: { ...counts, metrics: metrics.length, pageSettings: settings?.demo ?? false },
    });
    return {
      removed: { ...counts, metrics: metrics.length },
      settingsReset: settings?.demo ?? false,
      // The page settings tag makes every public surface (and the static mirror, in a full pass) refresh.
      tags: [
        TAGS.page,
        TAGS.components,
        TAGS.componentHistory,
        TAGS.incidents,
        TAGS.metrics,
        ...metrics.map((metric) => TAGS.metric(metric.id)),
        ...[...incidents, ...ownIncidents.map((row) => ({ id: row.incidentId }))].map((row) => TAGS.incident(row.id)),
      ],
    };
  });
}
