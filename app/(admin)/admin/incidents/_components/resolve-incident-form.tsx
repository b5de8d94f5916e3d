"use client";

import { FormMessage, NotifyCheckbox, SubmitButton, TextAreaField } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { UtcDateTimeField } from "@/app/(admin)/admin/_components/utc-date-time-field";
import { PastDateDisclosure } from "@/app/(admin)/admin/incidents/_components/past-date-disclosure";
import { resolveIncidentAction } from "@/app/(admin)/admin/incidents/actions";
import { LIMITS } from "@/lib/status";

export function ResolveIncidentForm({ incidentId, hasAffected }: { incidentId: string; hasAffected: boolean }) {
  const [state, action] = useConsoleAction(resolveIncidentAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <HiddenFields values={{ incidentId }} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">Posts a final Resolved update and closes the incident.</p>
      <FormMessage state={state} />
      <TextAreaField
        id="resolve-body"
        label="Resolution message"
        hint="Optional; defaults to “This incident has been resolved.”"
        name="body"
        rows={3}
        maxLength={LIMITS.bodyMax}
      />
      {hasAffected ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="setComponentsOperational" defaultChecked className="h-4 w-4" />
          Set affected components back to operational
        </label>
      ) : null}
      <PastDateDisclosure summary="Date the resolution in the past">
        <UtcDateTimeField
          id="resolve-displayAt"
          label="Resolved at (UTC)"
          hint="Leave empty for now."
          name="displayAt"
        />
      </PastDateDisclosure>
      <NotifyCheckbox />
      <SubmitButton
        variant="resolve"
        pendingLabel="Resolving…"
        confirm="Resolve this incident? Subscribers are told it is over."
      >
        Resolve incident
      </SubmitButton>
    </ConsoleForm>
  );
}
