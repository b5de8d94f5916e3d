import "server-only";
import { getDb } from "@/server/db/client";
import type { Tx } from "@/server/db/client";
import { commitMutation } from "@/server/cache/commit-mutation";
import { AppError } from "@/server/errors";
import {
  parseAlertPayload,
  PayloadError,
  type IncomingAlert,
  type IncidentTrigger,
} from "@/server/alerts/alert-payloads";
import {
  createMatchClock,
  matchesLabels,
  MatcherSyntaxError,
  MatchTimeSpent,
  parseMatchers,
  type LabelMatcher,
  type MatchClock,
} from "@/lib/alert-matchers";
import { compareComponentSeverity, type ComponentStatus } from "@/lib/status";
import type { AlertSource } from "@/lib/integrations";
import type { Prisma } from "@/server/db/generated/client";
import { tokenMatches } from "@/server/services/integrations/integration-token";
import { alertPhase, evaluateComponent, integrationActor } from "@/server/services/integrations/evaluate-component";
import { createIncident } from "@/server/services/incidents/create-incident";
import { resolveIncident } from "@/server/services/incidents/resolve-incident";
import { errorSummary } from "@/server/error-summary";

const UNAUTHORIZED =
  "Unknown integration or wrong token. Send the integration's token as `Authorization: Bearer <token>`.";
const OPEN_INCIDENT = ["investigating", "identified", "monitoring"] as const;

export type AuthenticatedIntegration = {
  id: string;
  name: string;
  source: string;
  tokenHash: string;
  fireAfterSeconds: number;
  recoverAfterSeconds: number;
  revokedAt: Date | null;
};
type Rule = { id: string; matchers: LabelMatcher[]; componentId: string; firingStatus: ComponentStatus };
type Target = { componentId: string; status: ComponentStatus; ruleId: string | null };

export type ReceiveResult = {
  received: number;
  matched: number;
  ignored: number;
  components: { id: string; status: ComponentStatus | null; pending_until: string | null }[];
  incident?: { id: string; created: boolean; resolved: boolean };
  tags: string[];
};

/** The integration behind an id and token; unknown, revoked and wrong tokens all get the same 401. */
export async function authenticateIntegration(
  integrationId: string,
  token: string | null,
): Promise<AuthenticatedIntegration> {
  if (!token || !/^[A-Za-z0-9_-]{1,40}$/.test(integrationId)) throw new AppError("UNAUTHORIZED", UNAUTHORIZED);
  const integration = await getDb().alertIntegration.findUnique({
    where: { id: integrationId },
    select: {
      id: true,
      name: true,
      source: true,
      tokenHash: true,
      fireAfterSeconds: true,
      recoverAfterSeconds: true,
      revokedAt: true,
    },
  });
  if (!integration || integration.revokedAt || !tokenMatches(token, integration.tokenHash))
    throw new AppError("UNAUTHORIZED", UNAUTHORIZED);
  return integration;
}

/** Rules whose stored matchers still read; one saved under older, looser checks is skipped and logged, never run. */
const MATCH_TIME_SPENT =
  "Matching these alerts against this integration's rules would take too long: send fewer alerts per request, or simplify the rules' regular expressions. Nothing was recorded.";

function readRules(
  rows: { id: string; matchers: string; componentId: string; firingStatus: ComponentStatus }[],
): Rule[] {
  const rules: Rule[] = [];
  for (const row of rows) {
    try {
      rules.push({ ...row, matchers: parseMatchers(row.matchers) });
    } catch (error) {
      if (!(error instanceof MatcherSyntaxError)) throw error;
      console.error(`Alert rule ${row.id} is skipped until it is replaced: ${error.message}`);
    }
  }
  return rules;
}

function targetsFor(alert: IncomingAlert, rules: Rule[], clock: MatchClock): Target[] {
  const byComponent = new Map<string, Target>();
  for (const rule of rules) {
    if (!matchesLabels(rule.matchers, alert.labels, clock)) continue;
    const current = byComponent.get(rule.componentId);
    if (!current || compareComponentSeverity(rule.firingStatus, current.status) > 0)
      byComponent.set(rule.componentId, { componentId: rule.componentId, status: rule.firingStatus, ruleId: rule.id });
  }
  return [...byComponent.values()];
}

/** Records one alert on one component; a resend of what is already known changes nothing but `lastSeenAt`. */
async function recordAlert(
  tx: Tx,
  integration: AuthenticatedIntegration,
  target: Target,
  alert: IncomingAlert,
  now: Date,
): Promise<boolean> {
  const key = {
    integrationId_componentId_fingerprint: {
      integrationId: integration.id,
      componentId: target.componentId,
      fingerprint: alert.fingerprint,
    },
  };
  const existing = await tx.alertState.findUnique({
    where: key,
    select: { firing: true, firingSince: true, resolvedAt: true },
  });
  const details = {
    ruleId: target.ruleId,
    targetStatus: target.status,
    labels: alert.labels as Prisma.InputJsonValue,
    summary: alert.summary,
    lastSeenAt: now,
  };
  if (alert.firing) {
    if (!existing) {
      await tx.alertState.create({
        data: {
          integrationId: integration.id,
          componentId: target.componentId,
          fingerprint: alert.fingerprint,
          firing: true,
          firingSince: now,
          ...details,
        },
      });
      return true;
    }
    if (existing.firing) {
      await tx.alertState.update({ where: key, data: details });
      return false;
    }
    // Firing again while its recovery wait runs continues the same episode, so a flap does not flap the page.
    const continues = alertPhase({ ...existing, integration }, now).holds;
    await tx.alertState.update({
      where: key,
      data: { ...details, firing: true, resolvedAt: null, firingSince: continues ? existing.firingSince : now },
    });
    return true;
  }
  if (!existing?.firing) return false;
  await tx.alertState.update({ where: key, data: { ...details, firing: false, resolvedAt: now } });
  return true;
}

async function findComponent(tx: Tx, reference: string): Promise<string | null> {
  const byId = /^[A-Za-z0-9_-]{1,40}$/.test(reference)
    ? await tx.component.findUnique({ where: { id: reference }, select: { id: true } })
    : null;
  if (byId) return byId.id;
  const byName = await tx.component.findMany({
    where: { name: { equals: reference, mode: "insensitive" } },
    select: { id: true },
    take: 2,
  });
  return byName.length === 1 ? byName[0].id : null;
}

async function triggerIncident(tx: Tx, integration: AuthenticatedIntegration, trigger: IncidentTrigger) {
  const actor = integrationActor(integration);
  const marker = trigger.key ? `${integration.id}:${trigger.key}` : null;
  const open = marker
    ? await tx.incident.findFirst({
        where: {
          kind: "incident",
          status: { in: [...OPEN_INCIDENT] },
          metadata: { path: ["alert_integration", "key"], equals: marker },
        },
        select: { id: true },
      })
    : null;
  if (trigger.resolve) {
    if (!open) return { incident: undefined, tags: [] as string[] };
    const resolved = await resolveIncident({
      ctx: { actor, db: tx },
      input: { incidentId: open.id, body: trigger.body, setComponentsOperational: true },
    });
    return { incident: { id: open.id, created: false, resolved: true }, tags: resolved.tags };
  }
  if (open) return { incident: { id: open.id, created: false, resolved: false }, tags: [] as string[] };
  const created = await createIncident({
    ctx: { actor, db: tx },
    input: {
      name: trigger.name,
      impact: trigger.impact,
      status: "investigating",
      message: trigger.body,
      components: [],
    },
  });
  if (marker)
    await tx.incident.update({
      where: { id: created.incident.id },
      data: { metadata: { alert_integration: { key: marker } } },
    });
  return { incident: { id: created.incident.id, created: true, resolved: false }, tags: created.tags };
}

/**
 * Takes one request from an alert source the caller authenticated: records each alert against the components its
 * rules name (idempotent by fingerprint), then brings those components in line at once; what the damping holds back,
 * the scheduler finishes.
 */
export async function receiveAlerts(input: {
  integration: AuthenticatedIntegration;
  body: unknown;
  now?: Date;
  /** How long matching this request's alerts may take (see createMatchClock). */
  matchTimeLimitMs?: number;
}): Promise<ReceiveResult> {
  const { integration } = input;
  const now = input.now ?? new Date();
  let parsed;
  try {
    parsed = parseAlertPayload(integration.source as AlertSource, input.body);
  } catch (error) {
    if (error instanceof PayloadError) throw new AppError("VALIDATION", error.message, error.fields);
    throw error;
  }
  const result: ReceiveResult = { received: 0, matched: 0, ignored: 0, components: [], tags: [] };

  const { components: touched } = await commitMutation(getDb(), async (tx) => {
    await tx.alertIntegration.update({ where: { id: integration.id }, data: { lastReceivedAt: now } });
    const components = new Set<string>();
    if (parsed.kind === "incident") {
      const { incident, tags } = await triggerIncident(tx, integration, parsed.trigger);
      result.received = 1;
      result.matched = incident ? 1 : 0;
      if (incident) result.incident = incident;
      result.tags.push(...tags);
      return { components, tags };
    }
    if (parsed.kind === "direct") {
      result.received = 1;
      const componentId = await findComponent(tx, parsed.report.component);
      if (!componentId)
        throw new AppError("VALIDATION", `No single component has the id or name “${parsed.report.component}”.`, {
          component: ["Use a component id, or a name that exactly one component has."],
        });
      const firing = parsed.report.status !== "operational";
      const alert = { fingerprint: `direct:${parsed.report.key}`, firing, labels: {}, summary: parsed.report.summary };
      const target = {
        componentId,
        status: firing ? parsed.report.status : ("operational" as ComponentStatus),
        ruleId: null,
      };
      await recordAlert(tx, integration, target, alert, now);
      result.matched = 1;
      components.add(componentId);
      return { components, tags: [] };
    }
    const rules = readRules(
      await tx.alertRule.findMany({
        where: { integrationId: integration.id },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { id: true, matchers: true, componentId: true, firingStatus: true },
      }),
    );
    const clock = createMatchClock(input.matchTimeLimitMs);
    for (const alert of parsed.alerts) {
      result.received += 1;
      let targets: Target[];
      try {
        targets = targetsFor(alert, rules, clock);
      } catch (error) {
        if (!(error instanceof MatchTimeSpent)) throw error;
        throw new AppError("VALIDATION", MATCH_TIME_SPENT, { alerts: [MATCH_TIME_SPENT] });
      }
      if (targets.length === 0) {
        result.ignored += 1;
        continue;
      }
      result.matched += 1;
      for (const target of targets) {
        await recordAlert(tx, integration, target, alert, now);
        components.add(target.componentId);
      }
    }
    return { components, tags: [] };
  });

  for (const componentId of touched) {
    try {
      const evaluation = await commitMutation(getDb(), (tx) => evaluateComponent(tx, componentId, now));
      result.tags.push(...evaluation.tags);
      const component = await getDb().component.findUnique({ where: { id: componentId }, select: { status: true } });
      result.components.push({
        id: componentId,
        status: component?.status ?? null,
        pending_until: evaluation.checkAt?.toISOString() ?? null,
      });
    } catch (error) {
      // The alert is recorded; the scheduler applies it on its next pass.
      console.error(`Could not apply alerts to component ${componentId} now: ${errorSummary(error)}`);
      await getDb()
        .componentAutomation.updateMany({ where: { componentId }, data: { checkAt: now } })
        .catch(() => {});
      result.components.push({ id: componentId, status: null, pending_until: now.toISOString() });
    }
  }
  result.tags = [...new Set(result.tags)];
  return result;
}
