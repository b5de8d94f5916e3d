"use client";

import { SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { RowError } from "@/app/(admin)/admin/_components/row-error";
import { RowSelect } from "@/app/(admin)/admin/_components/row-select";
import { setComponentStatusAction } from "@/app/(admin)/admin/components/actions";
import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/status";

/** A component's status, set straight from its row in the list, without an incident. */
export function SetComponentStatusForm({
  componentId,
  name,
  status,
}: {
  componentId: string;
  name: string;
  status: ComponentStatus;
}) {
  const [state, action] = useConsoleAction(setComponentStatusAction);
  return (
    <ConsoleForm action={action} state={state} className="flex items-center gap-2">
      <HiddenFields values={{ componentId }} />
      <RowSelect
        key={status}
        id={`status-${componentId}`}
        label={`Status of ${name}`}
        name="status"
        defaultValue={status}
      >
        <EnumOptions values={COMPONENT_STATUSES} labels={COMPONENT_STATUS_LABELS} />
      </RowSelect>
      <SubmitButton variant="secondary" pendingLabel="Setting…" accessibleName={`Set status of ${name}`}>
        Set
      </SubmitButton>
      <RowError state={state} />
      {state?.ok ? (
        <span role="status" className="text-xs text-green-800 dark:text-green-300">
          {state.message}
        </span>
      ) : null}
    </ConsoleForm>
  );
}
