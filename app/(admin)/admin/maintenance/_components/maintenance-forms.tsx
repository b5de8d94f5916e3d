"use client";

import {
  Field,
  FormMessage,
  SubmitButton,
  fieldError,
  inputClass,
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
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

function checkedFromState(state: ActionState, name: string, fallback: boolean) {
  return state && !state.ok && state.values ? state.values[name] === "on" : fallback;
}

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
      <Field id="name" label="Name" error={fieldError(state, "name")}>
        {(aria) => (
          <input
            {...aria}
            name="name"
            maxLength={LIMITS.nameMax}
            defaultValue={valueOf(state, "name")}
            className={inputClass}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="scheduledFor" label="Starts at (UTC)" error={fieldError(state, "scheduledFor")}>
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step="1"
              name="scheduledFor"
              defaultValue={valueOf(state, "scheduledFor", defaultStart)}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="scheduledUntil" label="Ends at (UTC)" error={fieldError(state, "scheduledUntil")}>
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step="1"
              name="scheduledUntil"
              defaultValue={valueOf(state, "scheduledUntil", defaultEnd)}
              className={inputClass}
            />
          )}
        </Field>
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
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="autoTransition"
          defaultChecked={checkedFromState(state, "autoTransition", true)}
          className="h-4 w-4"
        />
        Set components to “Under Maintenance” during the window and back afterwards
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="deliverNotifications"
          defaultChecked={checkedFromState(state, "deliverNotifications", true)}
          className="h-4 w-4"
        />
        Notify subscribers
      </label>
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
      <Field id="reschedule-for" label="Starts at (UTC)" error={fieldError(state, "scheduledFor")}>
        {(aria) => (
          <input
            {...aria}
            type="datetime-local"
            step="1"
            name="scheduledFor"
            readOnly={props.started}
            defaultValue={valueOf(state, "scheduledFor", props.scheduledFor)}
            className={inputClass}
          />
        )}
      </Field>
      <Field id="reschedule-until" label="Ends at (UTC)" error={fieldError(state, "scheduledUntil")}>
        {(aria) => (
          <input
            {...aria}
            type="datetime-local"
            step="1"
            name="scheduledUntil"
            defaultValue={valueOf(state, "scheduledUntil", props.scheduledUntil)}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id="reschedule-body"
        label="Message"
        hint="Optional; posted as an update."
        error={fieldError(state, "body")}
      >
        {(aria) => (
          <textarea
            {...aria}
            name="body"
            rows={2}
            maxLength={LIMITS.bodyMax}
            defaultValue={valueOf(state, "body")}
            className={inputClass}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="deliverNotifications"
          defaultChecked={checkedFromState(state, "deliverNotifications", true)}
          className="h-4 w-4"
        />
        Notify subscribers
      </label>
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
      <Field
        id="cancel-body"
        label="Note"
        hint={
          started
            ? "Optional; components go back to their status before the window."
            : "Optional; shown on the public page."
        }
        error={fieldError(state, "body")}
      >
        {(aria) => (
          <textarea
            {...aria}
            name="body"
            rows={2}
            maxLength={LIMITS.bodyMax}
            defaultValue={valueOf(state, "body")}
            className={inputClass}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="deliverNotifications"
          defaultChecked={checkedFromState(state, "deliverNotifications", true)}
          className="h-4 w-4"
        />
        Notify subscribers
      </label>
      <SubmitButton variant="danger" confirm={started ? "End this maintenance now?" : "Cancel this maintenance?"}>
        {started ? "End maintenance now" : "Cancel maintenance"}
      </SubmitButton>
    </ConsoleForm>
  );
}
