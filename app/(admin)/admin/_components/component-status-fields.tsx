"use client";

import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/status";
import { inputClass, valueOf } from "@/app/(admin)/admin/_components/form-bits";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

export type ComponentOption = { id: string; name: string; status: ComponentStatus; groupName: string | null };

/** One "new status" select per component, named `component:<id>`; "No change" leaves it alone. */
function ComponentRows({ components, state }: { components: ComponentOption[]; state: ActionState }) {
  const groups = new Map<string, ComponentOption[]>();
  for (const component of components) {
    const key = component.groupName ?? "";
    groups.set(key, [...(groups.get(key) ?? []), component]);
  }
  return (
    <div className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {[...groups.entries()].map(([groupName, members]) => (
        <div key={groupName} className="p-2">
          {groupName ? (
            <p className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
              {groupName}
            </p>
          ) : null}
          {members.map((component) => {
            const id = `component-${component.id}`;
            return (
              <div
                key={component.id}
                className="flex flex-col gap-1 px-1 py-1.5 sm:flex-row sm:items-center sm:justify-between"
              >
                <label htmlFor={id} className="text-sm">
                  {component.name}{" "}
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">
                    (now {COMPONENT_STATUS_LABELS[component.status]})
                  </span>
                </label>
                <select
                  id={id}
                  name={`component:${component.id}`}
                  defaultValue={valueOf(state, `component:${component.id}`)}
                  className={`${inputClass} sm:w-56`}
                >
                  <option value="">No change</option>
                  {COMPONENT_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {COMPONENT_STATUS_LABELS[status]}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/**
 * One "new status" select per component, named `component:<id>`; "No change" leaves it alone. With `affectedIds`,
 * the incident's own components come first and the others wait behind a disclosure.
 */
export function ComponentStatusFields(props: {
  components: ComponentOption[];
  state: ActionState;
  error?: string;
  legend?: string;
  affectedIds?: string[];
}) {
  const { components, state, error } = props;
  if (components.length === 0) return null;
  const affected = props.affectedIds ? new Set(props.affectedIds) : null;
  const primary = affected ? components.filter((c) => affected.has(c.id)) : components;
  const others = affected ? components.filter((c) => !affected.has(c.id)) : [];
  const otherChanged = others.some((c) => valueOf(state, `component:${c.id}`) !== "");
  return (
    <fieldset className="space-y-2" aria-describedby={error ? "components-error" : undefined}>
      <legend className="text-sm font-medium">{props.legend ?? "Affected components"}</legend>
      {error ? (
        <p id="components-error" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {primary.length ? <ComponentRows components={primary} state={state} /> : null}
      {others.length ? (
        <details
          open={otherChanged || primary.length === 0}
          className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800"
        >
          <summary className="cursor-pointer px-1 text-sm">
            {primary.length ? "Other components" : "Components"} ({others.length})
          </summary>
          <div className="mt-2">
            <ComponentRows components={others} state={state} />
          </div>
        </details>
      ) : null}
    </fieldset>
  );
}
