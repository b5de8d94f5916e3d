"use client";

import {
  CheckboxField,
  FormMessage,
  InputField,
  NotifyCheckbox,
  SubmitButton,
  fieldError,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { CheckboxList } from "@/app/(admin)/admin/_components/checkbox-list";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import { UtcDateTimeField } from "@/app/(admin)/admin/_components/utc-date-time-field";
import type { ComponentOption } from "@/app/(admin)/admin/_components/component-status-fields";
import { scheduleMaintenanceAction } from "@/app/(admin)/admin/maintenance/actions";
import { LIMITS } from "@/lib/status";

export function ScheduleMaintenanceForm({
  components,
  defaultStart,
  defaultEnd,
}: {
  components: ComponentOption[];
  defaultStart: string;
  defaultEnd: string;
}) {
  const [state, action] = useConsoleAction(scheduleMaintenanceAction);
  const componentsError = fieldError(state, "componentIds");
  return (
    <ConsoleForm action={action} state={state} className="space-y-5">
      <FormMessage state={state} />
      <InputField id="name" label="Name" name="name" maxLength={LIMITS.nameMax} />
      <div className="grid gap-4 sm:grid-cols-2">
        <UtcDateTimeField id="scheduledFor" label="Starts at (UTC)" name="scheduledFor" fallback={defaultStart} />
        <UtcDateTimeField id="scheduledUntil" label="Ends at (UTC)" name="scheduledUntil" fallback={defaultEnd} />
      </div>
      <MarkdownEditor name="message" label="Message" maxLength={LIMITS.bodyMax} />
      {components.length ? (
        <fieldset className="space-y-2" aria-describedby={componentsError ? "componentIds-error" : undefined}>
          <legend className="text-sm font-medium">Components</legend>
          {componentsError ? (
            <p id="componentIds-error" className="text-sm text-red-700 dark:text-red-400">
              {componentsError}
            </p>
          ) : null}
          <CheckboxList
            name="componentIds"
            options={components.map((c) => ({
              value: c.id,
              label: c.groupName ? `${c.groupName} › ${c.name}` : c.name,
            }))}
            chosen={state && !state.ok ? (state.lists?.componentIds ?? []) : []}
            inputClassName="h-4 w-4"
          />
        </fieldset>
      ) : null}
      <CheckboxField name="autoTransition" fallback>
        Set components to “Under Maintenance” during the window and back afterwards
      </CheckboxField>
      <NotifyCheckbox />
      <SubmitButton pendingLabel="Scheduling…">Schedule maintenance</SubmitButton>
    </ConsoleForm>
  );
}
