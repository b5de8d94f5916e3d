import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";
import { authorize, type Actor } from "@/server/auth/actor";
import type { AlertIncidentMode, AlertSource } from "@/lib/integrations";
import { matchersProblem } from "@/lib/alert-matchers";
import type { ComponentStatus, IncidentImpact, IncidentStatus } from "@/lib/status";

export type IntegrationItem = {
  id: string;
  name: string;
  source: AlertSource;
  tokenPrefix: string;
  fireAfterSeconds: number;
  recoverAfterSeconds: number;
  revokedAt: Date | null;
  lastReceivedAt: Date | null;
  createdAt: Date;
  rules: {
    id: string;
    matchers: string;
    componentId: string;
    componentName: string;
    firingStatus: ComponentStatus;
    overrideIncidents: boolean;
    incidentMode: AlertIncidentMode;
    templateName: string | null;
    /** Why the rule is skipped when alerts arrive, for a rule saved before its matchers were refused. */
    problem: string | null;
  }[];
  firing: { componentName: string; fingerprint: string; summary: string | null; firingSince: Date }[];
};

/** Every integration with its rules and currently firing alerts; never a token or its hash. */
export async function listIntegrations(actor: Actor, db: DbOrTx = getDb()): Promise<IntegrationItem[]> {
  authorize(actor, "owner");
  const rows = await db.alertIntegration.findMany({
    orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      source: true,
      tokenPrefix: true,
      fireAfterSeconds: true,
      recoverAfterSeconds: true,
      revokedAt: true,
      lastReceivedAt: true,
      createdAt: true,
      rules: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          matchers: true,
          componentId: true,
          firingStatus: true,
          overrideIncidents: true,
          incidentMode: true,
          component: { select: { name: true } },
          incidentTemplate: { select: { name: true } },
        },
      },
      alerts: {
        where: { firing: true },
        orderBy: { firingSince: "asc" },
        take: 20,
        select: { fingerprint: true, summary: true, firingSince: true, component: { select: { name: true } } },
      },
    },
  });
  return rows.map(({ rules, alerts, ...row }) => ({
    ...row,
    source: row.source,
    rules: rules.map(({ component, incidentTemplate, ...rule }) => ({
      ...rule,
      incidentMode: rule.incidentMode,
      componentName: component.name,
      templateName: incidentTemplate?.name ?? null,
      problem: matchersProblem(rule.matchers),
    })),
    firing: alerts.map(({ component, ...alert }) => ({ ...alert, componentName: component.name })),
  }));
}

export type IncidentDraftItem = {
  id: string;
  name: string;
  body: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  componentName: string;
  integrationName: string;
  createdAt: Date;
};

/** Incidents alert rules prepared for a responder to publish. */
export async function listOpenIncidentDrafts(actor: Actor, db: DbOrTx = getDb()): Promise<IncidentDraftItem[]> {
  authorize(actor, "viewer");
  return db.incidentDraft.findMany({
    where: { closedAt: null },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      name: true,
      body: true,
      status: true,
      impact: true,
      componentName: true,
      integrationName: true,
      createdAt: true,
    },
  }) as Promise<IncidentDraftItem[]>;
}
