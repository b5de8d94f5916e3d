import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAdminIncident } from "@/server/queries/admin-incidents";
import { renderMarkdown } from "@/lib/markdown";
import { formatUtcDateTime } from "@/lib/format";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { BackLink } from "@/app/(admin)/admin/_components/back-link";
import { PublicIncidentLink } from "@/app/(admin)/admin/_components/public-incident-link";
import { PostmortemForm } from "@/app/(admin)/admin/incidents/[incidentId]/postmortem/_components/postmortem-form";

export const metadata: Metadata = { title: "Postmortem" };

const TEMPLATE = `## Summary\n\n## Impact\n\n## Timeline\n\n## Root cause\n\n## What we are doing about it\n`;

export default async function PostmortemPage({ params }: { params: Promise<{ incidentId: string }> }) {
  const actor = await pageActor();
  const incident = await getAdminIncident({ ctx: { actor }, incidentId: (await params).incidentId });
  if (!incident || incident.kind !== "incident") notFound();
  const postmortem = incident.postmortem;
  const canEdit = roleAtLeast(actor.role, "responder");
  const unpublishedChanges = Boolean(postmortem?.publishedAt && postmortem.draft !== postmortem.body);
  return (
    <div className="space-y-4">
      <BackLink href={`/admin/incidents/${incident.id}`}>{incident.name}</BackLink>
      <h1 className="text-2xl font-semibold">Postmortem</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        {postmortem?.publishedAt ? (
          <>
            Published {formatUtcDateTime(postmortem.publishedAt)} ·{" "}
            <PublicIncidentLink incidentId={incident.id} className="text-blue-700 underline dark:text-blue-300" />
            {unpublishedChanges
              ? ` · The draft below has changes saved ${formatUtcDateTime(postmortem.draftUpdatedAt)} that readers do not see until you publish them.`
              : null}
          </>
        ) : postmortem ? (
          `Draft, last saved ${formatUtcDateTime(postmortem.draftUpdatedAt)}.`
        ) : (
          "Not written yet."
        )}
      </p>
      {canEdit ? (
        <PostmortemForm
          incidentId={incident.id}
          body={postmortem?.draft ?? TEMPLATE}
          version={postmortem?.version ?? 0}
          published={Boolean(postmortem?.publishedAt)}
          canPublish={incident.status === "resolved" || incident.status === "postmortem"}
        />
      ) : postmortem ? (
        <article
          className="prose-status rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
          dangerouslySetInnerHTML={{ __html: renderMarkdown(postmortem.draft) }}
        />
      ) : null}
    </div>
  );
}
