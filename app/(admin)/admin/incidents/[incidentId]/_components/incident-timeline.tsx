import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { toUtcInputValue } from "@/app/(admin)/admin/_lib/form-input";
import { DeleteUpdateForm } from "@/app/(admin)/admin/incidents/_components/delete-update-form";
import { EditUpdateForm } from "@/app/(admin)/admin/incidents/_components/edit-update-form";
import { formatUtcDateTime } from "@/lib/format";
import { renderMarkdown } from "@/lib/markdown";
import { COMPONENT_STATUS_LABELS, updateLabel } from "@/lib/status";
import type { getAdminIncident } from "@/server/queries/admin-incidents";

type AdminIncident = NonNullable<Awaited<ReturnType<typeof getAdminIncident>>>;

/** The incident's updates, newest first, each named for the change it made; responders can edit or delete them. */
export function IncidentTimeline({ updates, canEdit }: { updates: AdminIncident["updates"]; canEdit: boolean }) {
  const chronological = [...updates].reverse();
  const labels = new Map(
    chronological.map((u, i) => [u.id, updateLabel(u.status, i > 0 ? chronological[i - 1].status : null)]),
  );
  return (
    <ol className="space-y-4">
      {updates.map((update) => (
        <li key={update.id} className="border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
          <article
            aria-label={`${labels.get(update.id)} at ${formatUtcDateTime(update.displayAt)}`}
            className="space-y-1"
          >
            <p className="text-sm">
              <strong>{labels.get(update.id)}</strong>{" "}
              <time dateTime={update.displayAt.toISOString()} className="text-zinc-600 dark:text-zinc-400">
                {formatUtcDateTime(update.displayAt)}
              </time>
              {update.author ? <span className="text-zinc-600 dark:text-zinc-400"> · {update.author.name}</span> : null}
            </p>
            <div className="prose-status text-sm" dangerouslySetInnerHTML={{ __html: renderMarkdown(update.body) }} />
            {update.affectedComponents.length ? (
              <ul className="text-xs text-zinc-600 dark:text-zinc-400">
                {update.affectedComponents.map((a) => (
                  <li key={a.componentName}>
                    {a.componentName}: {COMPONENT_STATUS_LABELS[a.oldStatus]} → {COMPONENT_STATUS_LABELS[a.newStatus]}
                  </li>
                ))}
              </ul>
            ) : null}
            {canEdit ? (
              <Disclosure summary="Edit or delete" className="pt-1" contentClassName="mt-2 space-y-3">
                <EditUpdateForm
                  update={{
                    id: update.id,
                    body: update.body,
                    version: update.version,
                    displayAtInput: toUtcInputValue(update.displayAt),
                  }}
                />
                {updates.length > 1 ? <DeleteUpdateForm updateId={update.id} /> : null}
              </Disclosure>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
