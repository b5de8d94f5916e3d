import type { Metadata } from "next";
import { listAdminTemplates } from "@/server/queries/admin-settings";
import { renderMarkdown } from "@/lib/markdown";
import { INCIDENT_STATUS_LABELS, roleAtLeast, type IncidentStatus } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { Card } from "@/app/(admin)/admin/_components/card";
import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { DeleteTemplateForm } from "@/app/(admin)/admin/templates/_components/delete-template-form";
import { TemplateForm } from "@/app/(admin)/admin/templates/_components/template-form";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const actor = await pageActor();
  const templates = await listAdminTemplates({ ctx: { actor } });
  const canEdit = roleAtLeast(actor.role, "responder");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Message templates</h1>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ul className="space-y-3">
          {templates.length === 0 ? (
            <li className="text-sm text-zinc-600 dark:text-zinc-400">No templates yet.</li>
          ) : null}
          {templates.map((template) => (
            <li
              key={template.id}
              className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <p className="font-medium">
                {template.name}
                {template.status ? (
                  <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">
                    {INCIDENT_STATUS_LABELS[template.status as IncidentStatus]}
                  </span>
                ) : null}
              </p>
              {canEdit ? (
                <Disclosure summary="Edit" contentClassName="mt-3 space-y-4">
                  <TemplateForm template={template} />
                  <DeleteTemplateForm template={template} />
                </Disclosure>
              ) : (
                <div
                  className="prose-status text-sm"
                  dangerouslySetInnerHTML={{ __html: renderMarkdown(template.body) }}
                />
              )}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <Card id="new-template" title="New template">
            <TemplateForm />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
