import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { ComponentTreeDto, IncidentDto, PageDto } from "@/lib/dto";
import { AppError } from "@/server/errors";
import { componentSelect, incidentSelect, pageSelect, toIncidentDto } from "@/server/queries/select";
import { isValidId, UNRESOLVED_INCIDENT_STATUSES } from "@/lib/status";

// Uncached reads for the authenticated API: they run inside the request's transaction, so a response
// stored for an idempotency key shows exactly what that request wrote.

export async function readPage(db: DbOrTx): Promise<PageDto> {
  const page = await db.pageSettings.findFirst({ select: pageSelect });
  if (!page) throw new AppError("NOT_FOUND", "The status page has not been set up yet.");
  return page;
}

export async function readComponentTree(db: DbOrTx): Promise<ComponentTreeDto> {
  const groups = await db.componentGroup.findMany({
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, description: true, position: true, createdAt: true, updatedAt: true },
  });
  const components = await db.component.findMany({
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: componentSelect,
  });
  return {
    groups: groups.map((group) => ({
      ...group,
      componentIds: components.filter((c) => c.groupId === group.id).map((c) => c.id),
    })),
    components,
  };
}

export async function readIncident(db: DbOrTx, incidentId: string): Promise<IncidentDto | null> {
  if (!isValidId(incidentId)) return null;
  const row = await db.incident.findUnique({ where: { id: incidentId }, select: incidentSelect });
  return row ? toIncidentDto(row) : null;
}

export async function readIncidents(
  db: DbOrTx,
  options: { kind: "incident" | "maintenance"; unresolvedOnly: boolean; limit: number },
): Promise<IncidentDto[]> {
  const rows = await db.incident.findMany({
    where: {
      kind: options.kind,
      ...(options.unresolvedOnly ? { status: { in: [...UNRESOLVED_INCIDENT_STATUSES] } } : {}),
    },
    orderBy: [{ startedAt: "desc" }, { id: "asc" }],
    take: options.limit,
    select: incidentSelect,
  });
  return rows.map(toIncidentDto);
}
