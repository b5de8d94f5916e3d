import type { Metadata } from "next";
import { PublicLink } from "@/components/public-link";
import { notFound } from "next/navigation";
import { SubscribeToIncidentForm } from "@/app/(public)/_components/subscribe-to-incident-form";
import { Time } from "@/components/time";
import { inPageOrder } from "@/lib/component-order";
import { describePublicStatus, formatDuration, joinNames } from "@/lib/format";
import { markdownToText } from "@/lib/markdown";
import { INCIDENT_STATUS_LABELS, isResolvedStatus } from "@/lib/status";
import { getComponentTree, getIncidentDetail, getPage } from "@/server/queries/public-status";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { ImpactBadge, Markdown, PublicStatus, UpdateList } from "@/app/(public)/_components/incident-bits";
import { MaintenanceWindow } from "@/app/(public)/_components/maintenance-list";
import { Freshness } from "@/app/(public)/_components/freshness";
import { getLiveVersion } from "@/server/queries/live-version";
import { getEmailSubscriptionOffered } from "@/server/queries/mail-settings";

type Props = { params: Promise<{ incidentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { incidentId } = await params;
  const [page, incident] = await Promise.all([getPage(), getIncidentDetail(incidentId)]);
  if (!incident) return pageMetadata(page, { title: "Incident not found", path: "/history" });
  const latest = incident.updates[0];
  const summary = latest ? markdownToText(latest.body).replace(/\s+/g, " ").slice(0, 200) : null;
  return pageMetadata(page, {
    title: incident.name,
    description: summary ? `${INCIDENT_STATUS_LABELS[latest.status]}: ${summary}` : null,
    path: `/incidents/${incident.id}`,
    type: "article",
  });
}

export default async function IncidentPage({ params }: Props) {
  const { incidentId } = await params;
  const liveVersion = await getLiveVersion(incidentId);
  const [incident, tree] = await Promise.all([getIncidentDetail(incidentId), getComponentTree()]);
  if (!incident) notFound();
  const offerNotify = !isResolvedStatus(incident.status) && (await getEmailSubscriptionOffered());
  const now = new Date();
  const isMaintenance = incident.kind === "maintenance";
  const affected = inPageOrder(tree, incident.componentIds).map((c) => c.name);
  const resolved = isResolvedStatus(incident.status) && incident.resolvedAt;
  const noun = isMaintenance ? "maintenance" : "incident";

  return (
    <article>
      <Freshness version={liveVersion} incidentId={incident.id} />
      <p className="text-sm">
        <PublicLink href="/" className="text-blue-700 underline dark:text-blue-300">
          Current status
        </PublicLink>
        <span aria-hidden="true"> / </span>
        <PublicLink href="/history" className="text-blue-700 underline dark:text-blue-300">
          Incident history
        </PublicLink>
      </p>
      <h1 className="mt-3 text-2xl font-semibold">{incident.name}</h1>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-zinc-600 dark:text-zinc-400">Impact</dt>
        <dd>
          <ImpactBadge impact={incident.impact} />
        </dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Status</dt>
        <dd>
          <PublicStatus incidentId={incident.id} status={incident.status} />
        </dd>
        {isMaintenance ? (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">Window</dt>
            <dd>
              <MaintenanceWindow from={incident.scheduledFor} until={incident.scheduledUntil} now={now} />
            </dd>
          </>
        ) : (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">Started</dt>
            <dd>
              <Time date={incident.startedAt} now={now} />
            </dd>
          </>
        )}
        {resolved && incident.resolvedAt && (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">Duration</dt>
            <dd>
              {isMaintenance ? "Completed" : "Resolved"} after{" "}
              {formatDuration(
                incident.resolvedAt.getTime() -
                  (incident.scheduledFor && isMaintenance ? incident.scheduledFor : incident.startedAt).getTime(),
              )}
            </dd>
          </>
        )}
      </dl>
      {affected.length > 0 && (
        <p className="mt-4">
          This {noun} {resolved ? "affected" : "affects"}: {joinNames(affected)}.
        </p>
      )}

      {offerNotify && (
        <div className="mt-6 max-w-xl rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <SubscribeToIncidentForm incidentId={incident.id} />
        </div>
      )}

      {incident.postmortem && (
        <section
          aria-labelledby="postmortem"
          className="mt-8 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        >
          <h2 id="postmortem" className="text-xl font-semibold">
            Postmortem
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Posted <Time date={incident.postmortem.publishedAt} now={now} />
          </p>
          <Markdown source={incident.postmortem.body} className="mt-4" />
        </section>
      )}

      <section aria-labelledby="updates" className="mt-8">
        <h2 id="updates" className="mb-4 text-xl font-semibold">
          Updates
        </h2>
        {incident.updates.length === 0 ? (
          <p>No updates have been posted yet.</p>
        ) : (
          <UpdateList updates={incident.updates} now={now} />
        )}
      </section>

      {incident.related.length > 0 && (
        <section aria-labelledby="related" className="mt-8">
          <h2 id="related" className="mb-2 text-xl font-semibold">
            Related incidents
          </h2>
          <ul className="list-disc space-y-1 pl-6">
            {incident.related.map((related) => (
              <li key={related.id}>
                <PublicLink href={`/incidents/${related.id}`} className="text-blue-700 underline dark:text-blue-300">
                  {related.name}
                </PublicLink>{" "}
                <span className="text-sm text-zinc-600 dark:text-zinc-400">
                  ({describePublicStatus(related.status).text},{" "}
                  <Time date={related.startedAt} format="date" now={now} />)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
