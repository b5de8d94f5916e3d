import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAdminIncident, listRelatableIncidents } from "@/server/queries/admin-incidents";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { listAdminTemplates } from "@/server/queries/admin-settings";
import { renderMarkdown } from "@/lib/markdown";
import { formatUtcDate, formatUtcDateTime } from "@/lib/format";
import { COMPONENT_STATUS_LABELS, IMPACT_LABELS, roleAtLeast, updateLabel } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { toUtcInputValue } from "@/app/(admin)/admin/_lib/form-input";
import { StatusPill } from "@/app/(admin)/admin/_components/labels";
import {
  DeleteUpdateForm,
  EditUpdateForm,
  PostUpdateForm,
  RelatedIncidents,
  RenameIncidentForm,
  ReopenIncidentForm,
  ResolveIncidentForm,
} from "@/app/(admin)/admin/incidents/_components/incident-forms";
import {
  CancelMaintenanceForm,
  RescheduleMaintenanceForm,
} from "@/app/(admin)/admin/maintenance/_components/maintenance-forms";

type Params = { params: Promise<{ incidentId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const actor = await pageActor();
  const incident = await getAdminIncident({ ctx: { actor }, incidentId: (await params).incidentId });
  return { title: incident?.name ?? "Incident" };
}

function Card({
  title,
  children,
  id,
  tone,
}: {
  title: string;
  children: React.ReactNode;
  id: string;
  tone?: "resolve";
}) {
  const border =
    tone === "resolve"
      ? "border-green-300 border-t-4 border-t-green-700 dark:border-green-900 dark:border-t-green-600"
      : "border-zinc-200 dark:border-zinc-800";
  return (
    <section aria-labelledby={id} className={`space-y-3 rounded-lg border bg-white p-4 dark:bg-zinc-900 ${border}`}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function IncidentPage({ params }: Params) {
  const actor = await pageActor();
  const ctx = { actor };
  const incident = await getAdminIncident({ ctx, incidentId: (await params).incidentId });
  if (!incident) notFound();
  const canEdit = roleAtLeast(actor.role, "responder");
  const isIncident = incident.kind === "incident";
  const resolved =
    incident.status === "resolved" || incident.status === "postmortem" || incident.status === "completed";
  const [tree, templates, candidates] = canEdit
    ? await Promise.all([
        getAdminComponentTree({ ctx }),
        listAdminTemplates({ ctx }),
        isIncident ? listRelatableIncidents({ ctx, excludeId: incident.id }) : Promise.resolve([]),
      ])
    : [null, [], []];
  const chronological = [...incident.updates].reverse();
  const labels = new Map(
    chronological.map((u, i) => [u.id, updateLabel(u.status, i > 0 ? chronological[i - 1].status : null)]),
  );

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm">
          <Link
            href={isIncident ? "/admin/incidents" : "/admin/maintenance"}
            className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
          >
            ← {isIncident ? "Incidents" : "Maintenance"}
          </Link>
        </p>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold break-words">{incident.name}</h1>
          <a
            href={`/incidents/${incident.id}`}
            target="_blank"
            rel="noopener"
            className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            View public page ↗
          </a>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm text-zinc-700 dark:text-zinc-300">
          <span>
            <span className="sr-only">Status: </span>
            <StatusPill status={incident.status} />
          </span>
          {isIncident ? <span>Impact: {IMPACT_LABELS[incident.impact]}</span> : null}
          {isIncident ? <span>Started {formatUtcDateTime(incident.startedAt)}</span> : null}
          {incident.scheduledFor && incident.scheduledUntil ? (
            <span>
              Window {formatUtcDateTime(incident.scheduledFor)} → {formatUtcDateTime(incident.scheduledUntil)}
            </span>
          ) : null}
          {incident.resolvedAt ? (
            <span>
              {isIncident ? "Resolved" : "Completed"} {formatUtcDateTime(incident.resolvedAt)}
            </span>
          ) : null}
        </div>
        {incident.components.length ? (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            Affects: {incident.components.map((c) => `${c.name} (${COMPONENT_STATUS_LABELS[c.status]})`).join(", ")}
          </p>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          {canEdit && isIncident && resolved ? (
            <Card title="Reopen" id="reopen">
              <p className="text-sm text-zinc-700 dark:text-zinc-300">
                This incident is resolved. Reopen it to post further updates; it returns to Investigating.
              </p>
              <ReopenIncidentForm incidentId={incident.id} />
            </Card>
          ) : null}
          {canEdit && tree && !(isIncident && resolved) ? (
            <Card title="Post an update" id="post-update">
              <PostUpdateForm
                incidentId={incident.id}
                kind={incident.kind}
                currentStatus={incident.status}
                components={componentOptions(tree)}
                affectedIds={incident.components.map((c) => c.id)}
                templates={templates}
              />
            </Card>
          ) : null}

          <Card title="Timeline" id="timeline">
            <ol className="space-y-4">
              {incident.updates.map((update) => (
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
                      {update.author ? (
                        <span className="text-zinc-600 dark:text-zinc-400"> · {update.author.name}</span>
                      ) : null}
                    </p>
                    <div
                      className="prose-status text-sm"
                      dangerouslySetInnerHTML={{ __html: renderMarkdown(update.body) }}
                    />
                    {update.affectedComponents.length ? (
                      <ul className="text-xs text-zinc-600 dark:text-zinc-400">
                        {update.affectedComponents.map((a) => (
                          <li key={a.componentName}>
                            {a.componentName}: {COMPONENT_STATUS_LABELS[a.oldStatus]} →{" "}
                            {COMPONENT_STATUS_LABELS[a.newStatus]}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {canEdit ? (
                      <details className="pt-1">
                        <summary className="cursor-pointer text-sm text-blue-700 dark:text-blue-300">
                          Edit or delete
                        </summary>
                        <div className="mt-2 space-y-3">
                          <EditUpdateForm
                            update={{
                              id: update.id,
                              body: update.body,
                              version: update.version,
                              displayAtInput: toUtcInputValue(update.displayAt),
                            }}
                          />
                          {incident.updates.length > 1 ? <DeleteUpdateForm updateId={update.id} /> : null}
                        </div>
                      </details>
                    ) : null}
                  </article>
                </li>
              ))}
            </ol>
          </Card>
        </div>

        <div className="space-y-6">
          {canEdit && isIncident && !resolved ? (
            <Card title="Resolve incident" id="resolve" tone="resolve">
              <ResolveIncidentForm incidentId={incident.id} hasAffected={incident.components.length > 0} />
            </Card>
          ) : null}
          {canEdit &&
          !isIncident &&
          incident.status !== "completed" &&
          incident.scheduledFor &&
          incident.scheduledUntil ? (
            <>
              <Card title="Reschedule" id="reschedule">
                <RescheduleMaintenanceForm
                  incidentId={incident.id}
                  version={incident.version}
                  started={incident.status !== "scheduled"}
                  scheduledFor={toUtcInputValue(incident.scheduledFor)}
                  scheduledUntil={toUtcInputValue(incident.scheduledUntil)}
                />
              </Card>
              <Card title={incident.status === "scheduled" ? "Cancel" : "End now"} id="cancel">
                <CancelMaintenanceForm incidentId={incident.id} started={incident.status !== "scheduled"} />
              </Card>
            </>
          ) : null}
          {isIncident ? (
            <Card title="Postmortem" id="postmortem">
              <p className="text-sm">
                {incident.postmortem?.publishedAt
                  ? `Published ${formatUtcDateTime(incident.postmortem.publishedAt)}.`
                  : incident.postmortem
                    ? "Draft saved, not published."
                    : "No postmortem yet."}
              </p>
              <Link
                href={`/admin/incidents/${incident.id}/postmortem`}
                className="inline-flex min-h-10 items-center rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                {canEdit ? (incident.postmortem ? "Edit postmortem" : "Write postmortem") : "Read postmortem"}
              </Link>
            </Card>
          ) : null}
          {canEdit ? (
            <Card title="Details" id="details">
              <RenameIncidentForm
                incidentId={incident.id}
                kind={incident.kind}
                name={incident.name}
                impact={incident.impact}
                version={incident.version}
              />
            </Card>
          ) : null}
          {isIncident ? (
            <Card title="Related incidents" id="related">
              <RelatedIncidents
                incidentId={incident.id}
                related={incident.related}
                canEdit={canEdit}
                candidates={candidates.map((c) => ({
                  id: c.id,
                  name: c.name,
                  startedLabel: formatUtcDate(c.startedAt),
                }))}
              />
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
