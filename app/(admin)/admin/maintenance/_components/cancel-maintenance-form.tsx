"use client";

import { FormMessage, NotifyCheckbox, SubmitButton, TextAreaField } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { cancelMaintenanceAction } from "@/app/(admin)/admin/maintenance/actions";
import { LIMITS } from "@/lib/status";

/** Cancels a maintenance that has not started, or ends a started one now. */
export function CancelMaintenanceForm({ incidentId, started }: { incidentId: string; started: boolean }) {
  const [state, action] = useConsoleAction(cancelMaintenanceAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <HiddenFields values={{ incidentId }} />
      <FormMessage state={state} />
      <TextAreaField
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
      <NotifyCheckbox />
      <SubmitButton variant="danger" confirm={started ? "End this maintenance now?" : "Cancel this maintenance?"}>
        {started ? "End maintenance now" : "Cancel maintenance"}
      </SubmitButton>
    </ConsoleForm>
  );
}
