import "server-only";
import {
  getComponentTree,
  getIncidentDetail,
  getPage,
  listOpenMaintenances,
  listRecentIncidents,
  listUnresolvedIncidents,
} from "@/server/queries/public-status";
import { getLastChangeAt } from "@/server/queries/machine-status";
import {
  isActiveMaintenance,
  isUpcomingMaintenance,
  pageBaseUrl,
  pageIndicator,
  serializeComponents,
  serializeIncident,
  serializeMaintenance,
  serializePage,
  serializeStatus,
  serializeUnplannedIncident,
  summaryBody,
  type ApiContext,
} from "@/server/api/statuspage-serializers";
import type { V2Body } from "@/server/api/v2-schemas";

export const RECENT_LIMIT = 50;

export async function loadApiContext(_request: Request): Promise<ApiContext> {
  const [page, tree, lastChangeAt] = await Promise.all([getPage(), getComponentTree(), getLastChangeAt()]);
  return { page, tree, lastChangeAt, baseUrl: pageBaseUrl(page) };
}

export async function summaryJson(request: Request): Promise<V2Body<"/api/v2/summary.json">> {
  const [ctx, unresolved, maintenances] = await Promise.all([
    loadApiContext(request),
    listUnresolvedIncidents(),
    listOpenMaintenances(),
  ]);
  return summaryBody(ctx, unresolved, maintenances);
}

export async function statusJson(request: Request): Promise<V2Body<"/api/v2/status.json">> {
  const [ctx, unresolved, maintenances] = await Promise.all([
    loadApiContext(request),
    listUnresolvedIncidents(),
    listOpenMaintenances(),
  ]);
  return { page: serializePage(ctx), status: serializeStatus(pageIndicator(ctx.tree, unresolved, maintenances)) };
}

export async function componentsJson(request: Request): Promise<V2Body<"/api/v2/components.json">> {
  const ctx = await loadApiContext(request);
  return { page: serializePage(ctx), components: serializeComponents(ctx) };
}

export async function incidentsJson(request: Request): Promise<V2Body<"/api/v2/incidents.json">> {
  const [ctx, incidents] = await Promise.all([loadApiContext(request), listRecentIncidents(RECENT_LIMIT, "incident")]);
  return { page: serializePage(ctx), incidents: incidents.map((i) => serializeUnplannedIncident(i, ctx)) };
}

export async function unresolvedIncidentsJson(request: Request): Promise<V2Body<"/api/v2/incidents/unresolved.json">> {
  const [ctx, incidents] = await Promise.all([loadApiContext(request), listUnresolvedIncidents()]);
  return { page: serializePage(ctx), incidents: incidents.map((i) => serializeUnplannedIncident(i, ctx)) };
}

/** One incident or maintenance; null when there is no such id. */
export async function incidentJson(
  request: Request,
  incidentId: string,
): Promise<V2Body<"/api/v2/incidents/{incidentId}.json"> | null> {
  const [ctx, incident] = await Promise.all([loadApiContext(request), getIncidentDetail(incidentId)]);
  if (!incident) return null;
  return { page: serializePage(ctx), incident: serializeIncident(incident, ctx) };
}

export async function scheduledMaintenancesJson(
  request: Request,
  which: "all" | "upcoming" | "active",
): Promise<V2Body<"/api/v2/scheduled-maintenances.json">> {
  const [ctx, maintenances] = await Promise.all([
    loadApiContext(request),
    which === "all" ? listRecentIncidents(RECENT_LIMIT, "maintenance") : listOpenMaintenances(),
  ]);
  const selected =
    which === "all"
      ? maintenances
      : maintenances.filter(which === "upcoming" ? isUpcomingMaintenance : isActiveMaintenance);
  return { page: serializePage(ctx), scheduled_maintenances: selected.map((m) => serializeMaintenance(m, ctx)) };
}
