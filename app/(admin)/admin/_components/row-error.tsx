import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

/** A refusal in a list row's own few words, beside the control that was refused. */
export function RowError({ state }: { state: ActionState }) {
  if (!state || state.ok) return null;
  return (
    <span role="alert" className="text-xs text-red-700 dark:text-red-400">
      {state.formError}
    </span>
  );
}
