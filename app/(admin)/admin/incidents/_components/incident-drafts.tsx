import { IncidentDraftButtons } from "@/app/(admin)/admin/incidents/_components/incident-draft-buttons";
import { formatUtcDateTime } from "@/lib/format";
import type { IncidentDraftItem } from "@/server/queries/integrations";

/** Incidents an alert prepared, waiting for a responder to publish or dismiss them. */
export function IncidentDrafts({ drafts, canRespond }: { drafts: IncidentDraftItem[]; canRespond: boolean }) {
  return (
    <section
      aria-labelledby="drafts-heading"
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950"
    >
      <h2 id="drafts-heading" className="text-lg font-semibold">
        Prepared by alerts
      </h2>
      <ul className="space-y-3">
        {drafts.map((draft) => (
          <li key={draft.id} className="space-y-1">
            <p className="font-medium">{draft.name}</p>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              {draft.componentName} went to major outage {formatUtcDateTime(draft.createdAt)} ({draft.integrationName}
              ). {draft.body}
            </p>
            {canRespond ? <IncidentDraftButtons draftId={draft.id} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
