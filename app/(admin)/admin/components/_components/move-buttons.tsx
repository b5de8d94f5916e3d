"use client";

import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { RowError } from "@/app/(admin)/admin/_components/row-error";
import { moveComponentAction } from "@/app/(admin)/admin/components/actions";

/** Moves a component within its group, or a group among the groups, one place up or down. */
export function MoveButtons({
  id,
  kind,
  name,
  first,
  last,
}: {
  id: string;
  kind: "component" | "group";
  name: string;
  first: boolean;
  last: boolean;
}) {
  const [state, action] = useConsoleAction(moveComponentAction);
  return (
    <ConsoleForm action={action} state={state} className="flex items-center gap-1">
      <HiddenFields values={{ id, kind }} />
      {(["up", "down"] as const).map((direction) => (
        <button
          key={direction}
          type="submit"
          name="direction"
          value={direction}
          disabled={direction === "up" ? first : last}
          aria-label={`Move ${name} ${direction}`}
          className="rounded border border-zinc-300 px-2 py-1 text-sm disabled:opacity-40 dark:border-zinc-700"
        >
          {direction === "up" ? "↑" : "↓"}
        </button>
      ))}
      <RowError state={state} />
    </ConsoleForm>
  );
}
