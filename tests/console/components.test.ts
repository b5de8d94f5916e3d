import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { TAGS } from "@/server/cache/tags";
import { createComponent } from "@/server/services/components/create-component";
import { updateComponent } from "@/server/services/components/update-component";
import { deleteComponent } from "@/server/services/components/delete-component";
import { moveComponent, moveComponentGroup } from "@/server/services/components/move-component";
import { setComponentStatus } from "@/server/services/components/set-component-status";
import {
  createComponentGroup,
  deleteComponentGroup,
  updateComponentGroup,
} from "@/server/services/components/component-groups";
import { unique, untypedInput } from "@/tests/support/factories";
import { ctxFor, expectAppError, historyOf } from "@/tests/console/helpers";

describe("components", () => {
  it("creates, edits with a version check, and deletes a component in a group", async () => {
    const ctx = await ctxFor();
    const { group } = await createComponentGroup({ ctx, input: { name: unique("Group"), description: "Core" } });
    const { component, tags } = await createComponent({
      ctx,
      input: {
        name: unique("API"),
        description: "REST",
        groupId: group.id,
        showcase: "on",
        onlyShowIfDegraded: "",
        startDate: "2026-01-01",
      },
    });
    expect(tags).toEqual([TAGS.components, TAGS.componentHistory]);
    expect(component).toMatchObject({
      groupId: group.id,
      showcase: true,
      onlyShowIfDegraded: false,
      status: "operational",
      position: 1,
    });
    expect((await historyOf(component.id)).map((h) => h.toStatus)).toEqual(["operational"]);
    const edited = await updateComponent({
      ctx,
      input: {
        componentId: component.id,
        version: 1,
        name: "Renamed API",
        groupId: "",
        showcase: "on",
        onlyShowIfDegraded: "on",
      },
    });
    expect(edited.component).toMatchObject({
      name: "Renamed API",
      groupId: null,
      onlyShowIfDegraded: true,
      version: 2,
    });
    await expectAppError(
      updateComponent({ ctx, input: { componentId: component.id, version: 1, name: "Stale" } }),
      "CONFLICT",
    );
    await updateComponentGroup({ ctx, input: { groupId: group.id, name: "Renamed group" } });
    await deleteComponentGroup({ ctx, input: { groupId: group.id } });
    const deleted = await deleteComponent({ ctx, input: { componentId: component.id } });
    expect(deleted.tags).toContain(TAGS.components);
    expect(await getDb().component.findUnique({ where: { id: component.id } })).toBeNull();
    expect(await getDb().auditLog.count({ where: { entityId: component.id } })).toBe(3);
  });

  it("validation names each field; a viewer is refused", async () => {
    const ctx = await ctxFor();
    const error = await expectAppError(
      createComponent({
        ctx,
        input: untypedInput({ name: "", description: "x".repeat(1001), startDate: "not a date", status: "broken" }),
      }),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["description", "name", "startDate", "status"]);
    const missingGroup = await expectAppError(
      createComponent({ ctx, input: { name: "x", groupId: "nosuchgroup" } }),
      "VALIDATION",
    );
    expect(missingGroup.fieldErrors?.groupId).toBeDefined();
    const viewer = await ctxFor("viewer");
    await expectAppError(createComponent({ ctx: viewer, input: { name: "x" } }), "FORBIDDEN");
    await expectAppError(
      setComponentStatus({ ctx: viewer, input: { componentId: "abc", status: "major_outage" } }),
      "FORBIDDEN",
    );
    await expectAppError(moveComponent({ ctx: viewer, input: { id: "abc", direction: "up" } }), "FORBIDDEN");
  });

  it("reorders components within their group and groups among themselves", async () => {
    const ctx = await ctxFor();
    const { group } = await createComponentGroup({ ctx, input: { name: unique("Order") } });
    const a = (await createComponent({ ctx, input: { name: "A", groupId: group.id } })).component;
    const b = (await createComponent({ ctx, input: { name: "B", groupId: group.id } })).component;
    const c = (await createComponent({ ctx, input: { name: "C", groupId: group.id } })).component;
    await moveComponent({ ctx, input: { id: c.id, direction: "up" } });
    const order = async () =>
      (await getDb().component.findMany({ where: { groupId: group.id }, orderBy: { position: "asc" } })).map(
        (x) => x.name,
      );
    expect(await order()).toEqual(["A", "C", "B"]);
    expect((await moveComponent({ ctx, input: { id: a.id, direction: "up" } })).moved).toBe(false);
    await moveComponent({ ctx, input: { id: a.id, direction: "down" } });
    expect(await order()).toEqual(["C", "A", "B"]);
    expect(b.position).toBe(2);
    const { group: second } = await createComponentGroup({ ctx, input: { name: unique("Second") } });
    const result = await moveComponentGroup({ ctx, input: { id: second.id, direction: "up" } });
    expect(result.moved).toBe(true);
    const groups = await getDb().componentGroup.findMany({ orderBy: { position: "asc" }, select: { id: true } });
    expect(groups.findIndex((g) => g.id === second.id)).toBeLessThan(groups.findIndex((g) => g.id === group.id));
  });

  it("sets a component's status directly, recorded in its history and the audit log", async () => {
    const ctx = await ctxFor();
    const { component } = await createComponent({ ctx, input: { name: unique("Direct") } });
    const { change, tags } = await setComponentStatus({
      ctx,
      input: { componentId: component.id, status: "major_outage" },
    });
    expect(change).toMatchObject({ oldStatus: "operational", newStatus: "major_outage", currentChanged: true });
    expect(tags).toEqual([TAGS.components, TAGS.componentHistory]);
    expect((await historyOf(component.id)).map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "operational"],
      ["operational", "major_outage"],
    ]);
    expect(await getDb().auditLog.count({ where: { action: "component.set-status", entityId: component.id } })).toBe(1);
  });
});
