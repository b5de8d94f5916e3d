"use client";

import { FormMessage, NotifyCheckbox, SubmitButton, TextAreaField } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { UtcDateTimeField } from "@/app/(admin)/admin/_components/utc-date-time-field";
import { rescheduleMaintenanceAction } from "@/app/(admin)/admin/maintenance/actions";
import { LIMITS } from "@/lib/status";

/** Moves a maintenance window; once it has started, only its end can move. */
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
      <HiddenFields values={{ incidentId: props.incidentId, version: props.version }} />
      <FormMessage state={state} />
      <UtcDateTimeField
        id="reschedule-for"
        label="Starts at (UTC)"
        name="scheduledFor"
        fallback={props.scheduledFor}
        readOnly={props.started}
      />
      <UtcDateTimeField
        id="reschedule-until"
        label="Ends at (UTC)"
        name="scheduledUntil"
        fallback={props.scheduledUntil}
      />
      <TextAreaField
        id="reschedule-body"
        label="Message"
        hint="Optional; posted as an update."
        name="body"
        rows={2}
        maxLength={LIMITS.bodyMax}
      />
      <NotifyCheckbox />
      <SubmitButton variant="secondary">Reschedule</SubmitButton>
    </ConsoleForm>
  );
}
