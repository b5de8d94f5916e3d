import type { ComponentTreeDto } from "@/lib/dto";
import type { PickerGroup } from "@/components/subscribe-fields";

export function pickerGroups(tree: ComponentTreeDto): PickerGroup[] {
  const byPosition = [...tree.components].sort((a, b) => a.position - b.position);
  const groups: PickerGroup[] = [...tree.groups]
    .sort((a, b) => a.position - b.position)
    .map((group) => ({
      id: group.id,
      name: group.name,
      components: byPosition.filter((c) => c.groupId === group.id).map((c) => ({ id: c.id, name: c.name })),
    }))
    .filter((group) => group.components.length > 0);
  const grouped = new Set(groups.flatMap((g) => g.components.map((c) => c.id)));
  const rest = byPosition.filter((c) => !grouped.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
  if (rest.length) groups.push({ id: "ungrouped", name: groups.length ? "Other" : "", components: rest });
  return groups;
}
