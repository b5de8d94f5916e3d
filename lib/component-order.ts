import type { ComponentDto, ComponentTreeDto } from "@/lib/dto";

/** Every component in the order the page lists them: groups and ungrouped components by position, children within. */
export function componentsInPageOrder(tree: ComponentTreeDto): ComponentDto[] {
  const byId = new Map(tree.components.map((c) => [c.id, c]));
  const groupIds = new Set(tree.groups.map((g) => g.id));
  const top = [
    ...tree.groups.map((group, index) => ({
      position: group.position,
      order: index,
      members: group.componentIds.map((id) => byId.get(id)).filter((c): c is ComponentDto => Boolean(c)),
    })),
    ...tree.components
      .filter((c) => !c.groupId || !groupIds.has(c.groupId))
      .map((component, index) => ({
        position: component.position,
        order: tree.groups.length + index,
        members: [component],
      })),
  ];
  top.sort((a, b) => a.position - b.position || a.order - b.order);
  return top.flatMap((t) => t.members);
}

/** The given components (an incident's, say) in page order; ids no longer on the page are left out. */
export function inPageOrder(tree: ComponentTreeDto, ids: readonly string[]): ComponentDto[] {
  const wanted = new Set(ids);
  return componentsInPageOrder(tree).filter((c) => wanted.has(c.id));
}
