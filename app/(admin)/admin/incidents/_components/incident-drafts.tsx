"use client";

import { SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { dismissIncidentDraftAction, publishIncidentDraftAction } from "@/app/(admin)/admin/incidents/draft-actions";

function DraftButton({
  draftId,
  action,
  label,
  pendingLabel,
  variant,
}: {
  draftId: string;
  action: typeof publishIncidentDraftAction;
  label: string;
  pendingLabel: string;
  variant: "primary" | "secondary";
}) {
  const [state, formAction] = useConsoleAction(action);
  return (
    <ConsoleForm action={formAction} state={state} className="space-y-1">
      <input type="hidden" name="draftId" value={draftId} />
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.formError}
        </p>
      ) : null}
    </ConsoleForm>
  );
}

export function IncidentDraftButtons({ draftId }: { draftId: string }) {
  return (
    <div className="flex flex-wrap gap-2">
      <DraftButton
        draftId={draftId}
        action={publishIncidentDraftAction}
        label="Publish incident"
        pendingLabel="Publishing…"
        variant="primary"
      />
      <DraftButton
        draftId={draftId}
        action={dismissIncidentDraftAction}
        label="Dismiss"
        pendingLabel="Dismissing…"
        variant="secondary"
      />
    </div>
  );
}
