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
  serializePage,
  serializeStatus,
  summaryBody,
  type ApiContext,
} from "@/server/api/statuspage-serializers";

export const RECENT_LIMIT = 50;

export async function loadApiContext(_request: Request): Promise<ApiContext> {
  const [page, tree, lastChangeAt] = await Promise.all([getPage(), getComponentTree(), getLastChangeAt()]);
  return { page, tree, lastChangeAt, baseUrl: pageBaseUrl(page) };
}

export async function summaryJson(request: Request) {
  const [ctx, unresolved, maintenances] = await Promise.all([
    loadApiContext(request),
    listUnresolvedIncidents(),
    listOpenMaintenances(),
  ]);
  return summaryBody(ctx, unresolved, maintenances);
}

export async function statusJson(request: Request) {
  const [ctx, unresolved, maintenances] = await Promise.all([
    loadApiContext(request),
    listUnresolvedIncidents(),
    listOpenMaintenances(),
  ]);
  return { page: serializePage(ctx), status: serializeStatus(pageIndicator(ctx.tree, unresolved, maintenances)) };
}

export async function componentsJson(request: Request) {
  const ctx = await loadApiContext(request);
  return { page: serializePage(ctx), components: serializeComponents(ctx) };
}

export async function incidentsJson(request: Request) {
  const [ctx, incidents] = await Promise.all([loadApiContext(request), listRecentIncidents(RECENT_LIMIT, "incident")]);
  return { page: serializePage(ctx), incidents: incidents.map((i) => serializeIncident(i, ctx)) };
}

export async function unresolvedIncidentsJson(request: Request) {
  const [ctx, incidents] = await Promise.all([loadApiContext(request), listUnresolvedIncidents()]);
  return { page: serializePage(ctx), incidents: incidents.map((i) => serializeIncident(i, ctx)) };
}

/** One incident or maintenance; null when there is no such id. */
export async function incidentJson(request: Request, incidentId: string) {
  const [ctx, incident] = await Promise.all([loadApiContext(request), getIncidentDetail(incidentId)]);
  if (!incident) return null;
  return { page: serializePage(ctx), incident: serializeIncident(incident, ctx) };
}

export async function scheduledMaintenancesJson(request: Request, which: "all" | "upcoming" | "active") {
  const [ctx, maintenances] = await Promise.all([
    loadApiContext(request),
    which === "all" ? listRecentIncidents(RECENT_LIMIT, "maintenance") : listOpenMaintenances(),
  ]);
  const selected =
    which === "all"
      ? maintenances
      : maintenances.filter(which === "upcoming" ? isUpcomingMaintenance : isActiveMaintenance);
  return { page: serializePage(ctx), scheduled_maintenances: selected.map((m) => serializeIncident(m, ctx)) };
}
