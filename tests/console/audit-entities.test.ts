import { describe, expect, it } from "vitest";
import { createIncident } from "@/server/services/incidents/create-incident";
import { scheduleMaintenance } from "@/server/services/maintenance/schedule-maintenance";
import { createComponent as createComponentService } from "@/server/services/components/create-component";
import { deleteComponent } from "@/server/services/components/delete-component";
import { listAuditLog } from "@/server/queries/admin-settings";
import { unique } from "@/tests/support/factories";
import { ctxFor } from "@/tests/console/helpers";

describe("audit log", () => {
  it("names each entity and links to it, and still names one that was deleted", async () => {
    const responder = await ctxFor("responder");
    const owner = await ctxFor("owner");
    const incidentName = unique("Audited incident");
    const { incident } = await createIncident({
      ctx: responder,
      input: {
        name: incidentName,
        impact: "minor",
        status: "investigating",
        message: "x",
        deliverNotifications: false,
      },
    });
    const componentName = unique("Audited component");
    const { component } = await createComponentService({ ctx: owner, input: { name: componentName } });
    const goneName = unique("Deleted component");
    const { component: gone } = await createComponentService({ ctx: owner, input: { name: goneName } });
    await deleteComponent({ ctx: owner, input: { componentId: gone.id } });

    const entityOf = async (entityId: string, action: string) => {
      const { entries } = await listAuditLog({ ctx: owner, filters: { entityId, action } });
      return entries[0]?.entity;
    };
    expect(await entityOf(incident.id, "incident.create")).toEqual({
      label: incidentName,
      href: `/admin/incidents/${incident.id}`,
    });
    expect(await entityOf(component.id, "component.create")).toEqual({
      label: componentName,
      href: `/admin/components/${component.id}`,
    });
    expect(await entityOf(gone.id, "component.delete")).toEqual({ label: `${goneName} (deleted)`, href: null });
  });

  it("links a maintenance to the Maintenance section, not Incidents", async () => {
    const responder = await ctxFor("responder");
    const owner = await ctxFor("owner");
    const name = unique("Audited maintenance");
    const { maintenance } = await scheduleMaintenance({
      ctx: responder,
      input: {
        name,
        scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
        scheduledUntil: new Date(Date.now() + 7_200_000).toISOString(),
        componentIds: [],
        message: "Upgrading",
      },
    });
    const { entries } = await listAuditLog({
      ctx: owner,
      filters: { entityId: maintenance.id, action: "maintenance.schedule" },
    });
    expect(entries[0]?.entity).toEqual({ label: name, href: `/admin/maintenance/${maintenance.id}` });
  });
});
