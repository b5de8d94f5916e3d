import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAdminIncident, listRelatableIncidents } from "@/server/queries/admin-incidents";
import { getAdminComponentTree } from "@/server/queries/admin-components";
import { listAdminTemplates } from "@/server/queries/admin-settings";
import { formatUtcDate, formatUtcDateTime } from "@/lib/format";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { componentOptions } from "@/app/(admin)/admin/_lib/component-options";
import { toUtcInputValue } from "@/app/(admin)/admin/_lib/form-input";
import { Card } from "@/app/(admin)/admin/_components/card";
import { IncidentSummary } from "@/app/(admin)/admin/incidents/[incidentId]/_components/incident-summary";
import { IncidentTimeline } from "@/app/(admin)/admin/incidents/[incidentId]/_components/incident-timeline";
import { PostUpdateForm } from "@/app/(admin)/admin/incidents/_components/post-update-form";
import { RelatedIncidents } from "@/app/(admin)/admin/incidents/_components/related-incidents";
import { RenameIncidentForm } from "@/app/(admin)/admin/incidents/_components/rename-incident-form";
import { ReopenIncidentForm } from "@/app/(admin)/admin/incidents/_components/reopen-incident-form";
import { ResolveIncidentForm } from "@/app/(admin)/admin/incidents/_components/resolve-incident-form";
import { DeleteIncidentForm } from "@/app/(admin)/admin/incidents/[incidentId]/_components/delete-incident-form";
import { CancelMaintenanceForm } from "@/app/(admin)/admin/maintenance/_components/cancel-maintenance-form";
import { RescheduleMaintenanceForm } from "@/app/(admin)/admin/maintenance/_components/reschedule-maintenance-form";

type Params = { params: Promise<{ incidentId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const actor = await pageActor();
  const incident = await getAdminIncident({ ctx: { actor }, incidentId: (await params).incidentId });
  return { title: incident?.name ?? "Incident" };
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

  return (
    <div className="space-y-6">
      <IncidentSummary incident={incident} />

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
            <IncidentTimeline updates={incident.updates} canEdit={canEdit} />
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
          {roleAtLeast(actor.role, "owner") ? (
            <Card title="Delete" id="delete">
              <DeleteIncidentForm incidentId={incident.id} name={incident.name} kind={incident.kind} />
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
