import "server-only";
import type { Tx } from "@/server/db/client";
import { SYSTEM_ACTOR, type Actor } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import { createIncident } from "@/server/services/incidents/create-incident";
import { ALERT_SOURCE_LABELS, type AlertSource } from "@/lib/integrations";
import { COMPONENT_STATUS_LABELS, compareComponentSeverity, type ComponentStatus } from "@/lib/status";

const AUTOMATION_ACTOR: Actor = { ...SYSTEM_ACTOR, label: "Alert automation" };
const OPEN_INCIDENT = ["investigating", "identified", "monitoring"] as const;
const OPENED_BY_ALERTS = "alert.open-incident";
// While a responder's incident holds a component, look again this often for it to be resolved.
const RECHECK_WHILE_HELD_MS = 60_000;

export function integrationActor(integration: { id: string; name: string; source: string }): Actor {
  const source = ALERT_SOURCE_LABELS[integration.source as AlertSource] ?? integration.source;
  return {
    kind: "integration",
    integrationId: integration.id,
    role: "responder",
    label: `Integration “${integration.name}” (${source})`,
  };
}

type StateRow = {
  id: string;
  fingerprint: string;
  firing: boolean;
  firingSince: Date;
  resolvedAt: Date | null;
  targetStatus: ComponentStatus;
  summary: string | null;
  integration: {
    id: string;
    name: string;
    source: string;
    fireAfterSeconds: number;
    recoverAfterSeconds: number;
    revokedAt: Date | null;
  };
  rule: {
    id: string;
    overrideIncidents: boolean;
    incidentMode: string;
    incidentTemplate: { title: string | null; body: string; status: string | null } | null;
  } | null;
};

/**
 * Where one alert stands in its damping at `now`: it counts ("holds") once it has been firing for the integration's
 * fire delay, and keeps holding for the recovery delay after it resolves. An alert that resolved before its fire
 * delay never held. `wakeAt` is when that answer next changes.
 */
export function alertPhase(
  state: Pick<StateRow, "firing" | "firingSince" | "resolvedAt" | "integration">,
  now: Date,
): { holds: boolean; wakeAt: Date | null } {
  const fireAt = state.firingSince.getTime() + state.integration.fireAfterSeconds * 1000;
  if (state.firing)
    return fireAt <= now.getTime() ? { holds: true, wakeAt: null } : { holds: false, wakeAt: new Date(fireAt) };
  const resolvedAt = state.resolvedAt?.getTime() ?? 0;
  if (fireAt > resolvedAt) return { holds: false, wakeAt: null };
  const releaseAt = resolvedAt + state.integration.recoverAfterSeconds * 1000;
  return releaseAt > now.getTime() ? { holds: true, wakeAt: new Date(releaseAt) } : { holds: false, wakeAt: null };
}

function earliest(dates: (Date | null)[]): Date | null {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

export type Evaluation = {
  componentId: string;
  changed: ComponentStatus | null;
  incidentId: string | null;
  draftId: string | null;
  tags: string[];
  checkAt: Date | null;
};

/**
 * Brings one component in line with its alerts at `now`, inside the caller's transaction. Worst holding alert wins;
 * with none left it returns to the status it had before alerts took it. Changes go through setComponentStatus as a
 * person's would. A person's own change, or a responder's open incident on the component, makes automation stand back.
 */
export async function evaluateComponent(tx: Tx, componentId: string, now: Date): Promise<Evaluation> {
  const result: Evaluation = { componentId, changed: null, incidentId: null, draftId: null, tags: [], checkAt: null };
  await tx.$executeRaw`INSERT INTO component_automations (component_id, baseline_status, updated_at)
    SELECT id, status, now() FROM components WHERE id = ${componentId} ON CONFLICT (component_id) DO NOTHING`;
  const locked = await tx.$queryRaw<
    { component_id: string }[]
  >`SELECT component_id FROM component_automations WHERE component_id = ${componentId} FOR UPDATE`;
  if (locked.length === 0) return result;
  const [automation, component, states] = await Promise.all([
    tx.componentAutomation.findUniqueOrThrow({ where: { componentId } }),
    tx.component.findUniqueOrThrow({ where: { id: componentId }, select: { id: true, name: true, status: true } }),
    tx.alertState.findMany({
      where: { componentId, integration: { revokedAt: null } },
      select: {
        id: true,
        fingerprint: true,
        firing: true,
        firingSince: true,
        resolvedAt: true,
        targetStatus: true,
        summary: true,
        integration: {
          select: {
            id: true,
            name: true,
            source: true,
            fireAfterSeconds: true,
            recoverAfterSeconds: true,
            revokedAt: true,
          },
        },
        rule: {
          select: {
            id: true,
            overrideIncidents: true,
            incidentMode: true,
            incidentTemplate: { select: { title: true, body: true, status: true } },
          },
        },
      },
    }) as Promise<StateRow[]>,
  ]);

  const phases = states.map((state) => ({ state, ...alertPhase(state, now) }));
  const holding = phases.filter((p) => p.holds).map((p) => p.state);
  const wakeAt = earliest(phases.map((p) => p.wakeAt));
  const episodeOver = holding.length === 0 && !states.some((s) => s.firing);
  // Resolved alerts that no longer hold are history once their component is settled.
  const settled = phases.filter((p) => !p.state.firing && !p.holds).map((p) => p.state.id);

  if (holding.length === 0 && automation.appliedStatus === null) {
    if (episodeOver) await tx.componentAutomation.delete({ where: { componentId } });
    else
      await tx.componentAutomation.update({
        where: { componentId },
        data: { baselineStatus: component.status, checkAt: wakeAt },
      });
    if (settled.length) await tx.alertState.deleteMany({ where: { id: { in: settled } } });
    result.checkAt = wakeAt;
    return result;
  }

  const personChanged = automation.appliedStatus !== null && component.status !== automation.appliedStatus;
  const yielded = automation.yielded || personChanged;
  const worst = holding.reduce<StateRow | null>(
    (acc, s) => (!acc || compareComponentSeverity(s.targetStatus, acc.targetStatus) > 0 ? s : acc),
    null,
  );
  const desired: ComponentStatus = worst ? worst.targetStatus : automation.baselineStatus;
  const responsible =
    worst ?? [...states].sort((a, b) => (b.resolvedAt?.getTime() ?? 0) - (a.resolvedAt?.getTime() ?? 0))[0];
  let checkAt = wakeAt;

  if (!yielded && desired !== component.status) {
    const overrides = (worst ? holding : states).some((s) => s.rule?.overrideIncidents);
    const open = await openIncidentsOn(tx, componentId);
    const heldBy = overrides ? undefined : open.find((i) => !i.openedByAlerts && i.id !== automation.incidentId);
    // An incident alerts opened in an earlier episode and nobody resolved yet still covers this outage.
    const ownIncidentId = automation.incidentId ?? open.find((i) => i.openedByAlerts)?.id ?? null;
    if (heldBy) {
      checkAt = earliest([checkAt, new Date(now.getTime() + RECHECK_WHILE_HELD_MS)]);
    } else {
      // With no alert left (its rule or integration was removed) the change is the automation's own.
      const actor = responsible ? integrationActor(responsible.integration) : AUTOMATION_ACTOR;
      const template =
        worst?.rule?.incidentMode !== "none" && desired === "major_outage" && !ownIncidentId ? worst?.rule : null;
      if (template && template.incidentMode === "publish") {
        const created = await createIncident({
          ctx: { actor, db: tx },
          input: {
            name: template.incidentTemplate?.title || `${component.name}: ${COMPONENT_STATUS_LABELS.major_outage}`,
            impact: "critical",
            status: isUpdateStatus(template.incidentTemplate?.status)
              ? template.incidentTemplate.status
              : "investigating",
            message: template.incidentTemplate?.body || worst?.summary || `${component.name} is down.`,
            components: [{ componentId, status: desired }],
          },
        });
        await writeAudit(tx, actor, {
          action: OPENED_BY_ALERTS,
          entityType: "incident",
          entityId: created.incident.id,
          after: { componentId, fingerprints: holding.map((s) => s.fingerprint) },
        });
        result.incidentId = created.incident.id;
        result.tags.push(...created.tags);
      } else {
        const { tags } = await setComponentStatus({ ctx: { actor, db: tx }, input: { componentId, status: desired } });
        result.tags.push(...tags);
        if (template && template.incidentMode === "draft") {
          const draft = await tx.incidentDraft.create({
            data: {
              componentId,
              componentName: component.name,
              integrationName: responsible?.integration.name ?? AUTOMATION_ACTOR.label,
              name: template.incidentTemplate?.title || `${component.name}: ${COMPONENT_STATUS_LABELS.major_outage}`,
              body: template.incidentTemplate?.body || worst?.summary || `${component.name} is down.`,
              status: isUpdateStatus(template.incidentTemplate?.status)
                ? template.incidentTemplate.status
                : "investigating",
              impact: "critical",
            },
            select: { id: true },
          });
          await writeAudit(tx, actor, {
            action: "incident-draft.create",
            entityType: "incident-draft",
            entityId: draft.id,
            after: { componentId, fingerprints: holding.map((s) => s.fingerprint) },
          });
          result.draftId = draft.id;
        }
      }
      await writeAudit(tx, actor, {
        action: worst ? "alert.apply" : "alert.recover",
        entityType: "component",
        entityId: componentId,
        before: { status: component.status },
        after: {
          status: desired,
          alerts: (worst ? holding : states)
            .slice(0, 20)
            .map((s) => ({ fingerprint: s.fingerprint, summary: s.summary, firing: s.firing })),
        },
      });
      result.changed = desired;
    }
  }

  const incidentId = result.incidentId ?? result.draftId ?? automation.incidentId;
  if (episodeOver && (result.changed !== null || yielded || desired === component.status)) {
    await tx.componentAutomation.delete({ where: { componentId } });
    await tx.alertState.deleteMany({ where: { componentId, firing: false } });
    result.checkAt = null;
    return result;
  }
  await tx.componentAutomation.update({
    where: { componentId },
    data: {
      appliedStatus: result.changed ?? automation.appliedStatus,
      yielded,
      incidentId,
      checkAt: yielded ? (episodeOver ? null : wakeAt) : checkAt,
    },
  });
  if (settled.length && !yielded) await tx.alertState.deleteMany({ where: { id: { in: settled } } });
  result.checkAt = checkAt;
  return result;
}

/**
 * Open incidents naming the component, each marked when alert automation opened it. The audit row written with the
 * incident says so, and it outlives the episode, so a later episode still knows the incident as automation's own.
 */
async function openIncidentsOn(tx: Tx, componentId: string): Promise<{ id: string; openedByAlerts: boolean }[]> {
  const open = await tx.incident.findMany({
    where: { kind: "incident", status: { in: [...OPEN_INCIDENT] }, components: { some: { componentId } } },
    select: { id: true },
  });
  if (open.length === 0) return [];
  const opened = await tx.auditLog.findMany({
    where: { action: OPENED_BY_ALERTS, entityType: "incident", entityId: { in: open.map((i) => i.id) } },
    select: { entityId: true },
  });
  const ids = new Set(opened.map((row) => row.entityId));
  return open.map(({ id }) => ({ id, openedByAlerts: ids.has(id) }));
}

function isUpdateStatus(status: string | null | undefined): status is "investigating" | "identified" | "monitoring" {
  return status === "investigating" || status === "identified" || status === "monitoring";
}
