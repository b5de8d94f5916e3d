"use client";

import { FormMessage, NotifyCheckbox, SubmitButton, TextAreaField } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { reopenIncidentAction } from "@/app/(admin)/admin/incidents/actions";
import { LIMITS } from "@/lib/status";

export function ReopenIncidentForm({ incidentId }: { incidentId: string }) {
  const [state, action] = useConsoleAction(reopenIncidentAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <HiddenFields values={{ incidentId }} />
      <FormMessage state={state} />
      <TextAreaField
        id="reopen-body"
        label="Message"
        hint="Optional."
        name="body"
        rows={2}
        maxLength={LIMITS.bodyMax}
      />
      <NotifyCheckbox fallback={false} />
      <SubmitButton variant="secondary" confirm="Reopen this incident as Investigating?">
        Reopen incident
      </SubmitButton>
    </ConsoleForm>
  );
}
