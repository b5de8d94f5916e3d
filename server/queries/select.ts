import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import { componentFields, incidentFields, pageSettingsFields } from "@/server/db/base-selects";
import type { IncidentDto, IncidentSummaryDto, IncidentUpdateDto, PostmortemDto } from "@/lib/dto";

// Explicit selects so every query returns exactly the DTO fields and nothing else.
export const pageSelect = { id: true, ...pageSettingsFields, updatedAt: true } as const;

export const componentSelect = { ...componentFields, createdAt: true, updatedAt: true } as const;

export const incidentSummarySelect = {
  ...incidentFields,
  components: { select: { componentId: true } },
} satisfies Prisma.IncidentSelect;

export const updateSelect = {
  id: true,
  incidentId: true,
  status: true,
  body: true,
  displayAt: true,
  createdAt: true,
  updatedAt: true,
  deliverNotifications: true,
  affectedComponents: { select: { componentId: true, componentName: true, oldStatus: true, newStatus: true } },
} as const;

export const incidentSelect = {
  ...incidentSummarySelect,
  autoTransitionToMaintenanceState: true,
  autoTransitionToOperationalState: true,
  updates: { select: updateSelect, orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }] },
} satisfies Prisma.IncidentSelect;

type UpdateRow = Omit<IncidentUpdateDto, "affectedComponents"> & {
  affectedComponents: {
    componentId: string | null;
    componentName: string;
    oldStatus: IncidentUpdateDto["affectedComponents"][number]["oldStatus"];
    newStatus: IncidentUpdateDto["affectedComponents"][number]["newStatus"];
  }[];
};

export function toUpdateDto(row: UpdateRow): IncidentUpdateDto {
  return {
    ...row,
    affectedComponents: row.affectedComponents.map((a) => ({
      componentId: a.componentId,
      name: a.componentName,
      oldStatus: a.oldStatus,
      newStatus: a.newStatus,
    })),
  };
}

type SummaryRow = Omit<IncidentSummaryDto, "componentIds"> & { components: { componentId: string }[] };

export function toIncidentSummaryDto(row: SummaryRow): IncidentSummaryDto {
  const { components, ...rest } = row;
  return { ...rest, componentIds: components.map((c) => c.componentId) };
}

export function toIncidentDto(
  row: SummaryRow & {
    updates: UpdateRow[];
    autoTransitionToMaintenanceState: boolean;
    autoTransitionToOperationalState: boolean;
  },
): IncidentDto {
  const { updates, ...rest } = row;
  return {
    ...toIncidentSummaryDto(rest),
    updates: updates.map(toUpdateDto),
    autoTransitionToMaintenanceState: row.autoTransitionToMaintenanceState,
    autoTransitionToOperationalState: row.autoTransitionToOperationalState,
  };
}

export const publishedPostmortemSelect = {
  body: true,
  bodyUpdatedAt: true,
  publishedAt: true,
  updatedAt: true,
} satisfies Prisma.PostmortemSelect;

/** What readers see: the published text only, never the draft being edited; null while unpublished. */
export function toPublishedPostmortem(
  row: Prisma.PostmortemGetPayload<{ select: typeof publishedPostmortemSelect }> | null,
): PostmortemDto | null {
  if (!row?.publishedAt || row.body === null) return null;
  return { body: row.body, publishedAt: row.publishedAt, updatedAt: row.bodyUpdatedAt ?? row.updatedAt };
}
