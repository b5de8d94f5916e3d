import { ButtonForm } from "@/app/(admin)/admin/_components/button-form";
import { dismissIncidentDraftAction, publishIncidentDraftAction } from "@/app/(admin)/admin/incidents/draft-actions";

/** Publishing an incident an alert prepared, or dismissing it. */
export function IncidentDraftButtons({ draftId }: { draftId: string }) {
  const button = { fields: { draftId }, className: "space-y-1", compact: true } as const;
  return (
    <div className="flex flex-wrap gap-2">
      <ButtonForm {...button} action={publishIncidentDraftAction} variant="primary" pendingLabel="Publishing…">
        Publish incident
      </ButtonForm>
      <ButtonForm {...button} action={dismissIncidentDraftAction} variant="secondary" pendingLabel="Dismissing…">
        Dismiss
      </ButtonForm>
    </div>
  );
}
