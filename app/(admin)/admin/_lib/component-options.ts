import type { AdminComponentTree } from "@/server/queries/admin-components";
import type { ComponentOption } from "@/app/(admin)/admin/_components/component-status-fields";

export function componentOptions(tree: AdminComponentTree): ComponentOption[] {
  return [
    ...tree.groups.flatMap((g) =>
      g.components.map((c) => ({ id: c.id, name: c.name, status: c.status, groupName: g.name })),
    ),
    ...tree.ungrouped.map((c) => ({ id: c.id, name: c.name, status: c.status, groupName: null })),
  ];
}
