"use client";

import {
  CheckboxField,
  FormMessage,
  InputField,
  NotifyCheckbox,
  SubmitButton,
  TextAreaField,
  fieldError,
  valueOf,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import type { ComponentOption } from "@/app/(admin)/admin/_components/component-status-fields";
import {
  cancelMaintenanceAction,
  rescheduleMaintenanceAction,
  scheduleMaintenanceAction,
} from "@/app/(admin)/admin/maintenance/actions";
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
  const selected = new Set(state && !state.ok ? (state.lists?.componentIds ?? []) : []);
  return (
    <ConsoleForm action={action} state={state} className="space-y-5">
      <FormMessage state={state} />
      <InputField state={state} id="name" label="Name" name="name" maxLength={LIMITS.nameMax} />
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          state={state}
          id="scheduledFor"
          label="Starts at (UTC)"
          name="scheduledFor"
          fallback={defaultStart}
          type="datetime-local"
          step="1"
        />
        <InputField
          state={state}
          id="scheduledUntil"
          label="Ends at (UTC)"
          name="scheduledUntil"
          fallback={defaultEnd}
          type="datetime-local"
          step="1"
        />
      </div>
      <MarkdownEditor
        name="message"
        label="Message"
        maxLength={LIMITS.bodyMax}
        defaultValue={valueOf(state, "message")}
        error={fieldError(state, "message")}
      />
      {components.length ? (
        <fieldset
          className="space-y-2"
          aria-describedby={fieldError(state, "componentIds") ? "componentIds-error" : undefined}
        >
          <legend className="text-sm font-medium">Components</legend>
          {fieldError(state, "componentIds") ? (
            <p id="componentIds-error" className="text-sm text-red-700 dark:text-red-400">
              {fieldError(state, "componentIds")}
            </p>
          ) : null}
          <div className="grid gap-1 sm:grid-cols-2">
            {components.map((component) => (
              <label key={component.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="componentIds"
                  value={component.id}
                  defaultChecked={selected.has(component.id)}
                  className="h-4 w-4"
                />
                {component.groupName ? `${component.groupName} › ` : ""}
                {component.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <CheckboxField state={state} name="autoTransition" fallback>
        Set components to “Under Maintenance” during the window and back afterwards
      </CheckboxField>
      <NotifyCheckbox state={state} />
      <SubmitButton pendingLabel="Scheduling…">Schedule maintenance</SubmitButton>
    </ConsoleForm>
  );
}

export function RescheduleMaintenanceForm(props: {
  incidentId: string;
  version: number;
  started: boolean;
  scheduledFor: string;
  scheduledUntil: string;
}) {
  const [state, action] = useConsoleAction(rescheduleMaintenanceAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <input type="hidden" name="incidentId" value={props.incidentId} />
      <input type="hidden" name="version" value={props.version} />
      <FormMessage state={state} />
      <InputField
        state={state}
        id="reschedule-for"
        label="Starts at (UTC)"
        name="scheduledFor"
        fallback={props.scheduledFor}
        type="datetime-local"
        step="1"
        readOnly={props.started}
      />
      <InputField
        state={state}
        id="reschedule-until"
        label="Ends at (UTC)"
        name="scheduledUntil"
        fallback={props.scheduledUntil}
        type="datetime-local"
        step="1"
      />
      <TextAreaField
        state={state}
        id="reschedule-body"
        label="Message"
        hint="Optional; posted as an update."
        name="body"
        rows={2}
        maxLength={LIMITS.bodyMax}
      />
      <NotifyCheckbox state={state} />
      <SubmitButton variant="secondary">Reschedule</SubmitButton>
    </ConsoleForm>
  );
}

export function CancelMaintenanceForm({ incidentId, started }: { incidentId: string; started: boolean }) {
  const [state, action] = useConsoleAction(cancelMaintenanceAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={state} />
      <TextAreaField
        state={state}
        id="cancel-body"
        label="Note"
        hint={
          started
            ? "Optional; components go back to their status before the window."
            : "Optional; shown on the public page."
        }
        name="body"
        rows={2}
        maxLength={LIMITS.bodyMax}
      />
      <NotifyCheckbox state={state} />
      <SubmitButton variant="danger" confirm={started ? "End this maintenance now?" : "Cancel this maintenance?"}>
        {started ? "End maintenance now" : "Cancel maintenance"}
      </SubmitButton>
    </ConsoleForm>
  );
}
