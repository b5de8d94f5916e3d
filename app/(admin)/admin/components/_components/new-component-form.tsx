"use client";

import { FormMessage, SelectField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { ComponentFields } from "@/app/(admin)/admin/components/_components/component-fields";
import { createComponentAction } from "@/app/(admin)/admin/components/actions";
import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS } from "@/lib/status";

const BLANK = {
  name: "",
  description: null,
  groupId: null,
  showcase: true,
  onlyShowIfDegraded: false,
  startDate: "",
};

export function NewComponentForm({ groups }: { groups: { id: string; name: string }[] }) {
  const [state, action, resetKey] = useConsoleAction(createComponentAction, { clearOnSuccess: true });
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <FormMessage state={state} />
      <ComponentFields groups={groups} prefix="new" values={BLANK} />
      <SelectField id="new-status" label="Initial status" name="status" fallback="operational">
        <EnumOptions values={COMPONENT_STATUSES} labels={COMPONENT_STATUS_LABELS} />
      </SelectField>
      <SubmitButton pendingLabel="Adding…">Add component</SubmitButton>
    </ConsoleForm>
  );
}
