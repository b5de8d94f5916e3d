"use client";

import { FormMessage, InputField, SelectField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { saveTemplateAction } from "@/app/(admin)/admin/templates/actions";
import { INCIDENT_STATUSES, INCIDENT_STATUS_LABELS, LIMITS } from "@/lib/status";

export type MessageTemplate = { id: string; name: string; title: string | null; status: string | null; body: string };

const TEMPLATE_STATUSES = INCIDENT_STATUSES.filter((s) => s !== "postmortem");

/** Creates a template, or with `template` edits it. */
export function TemplateForm({ template }: { template?: MessageTemplate }) {
  const [state, action, resetKey] = useConsoleAction(saveTemplateAction, { clearOnSuccess: !template });
  const prefix = template?.id ?? "new";
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <HiddenFields values={{ templateId: template?.id }} />
      <FormMessage state={state} />
      <InputField
        id={`${prefix}-name`}
        label="Template name"
        name="name"
        fallback={template?.name ?? ""}
        maxLength={LIMITS.nameMax}
      />
      <InputField
        id={`${prefix}-title`}
        label="Incident name"
        hint="Optional; fills the name when declaring an incident."
        name="title"
        fallback={template?.title ?? ""}
        maxLength={LIMITS.nameMax}
      />
      <SelectField id={`${prefix}-status`} label="Status" name="status" fallback={template?.status ?? ""}>
        <option value="">Any</option>
        <EnumOptions values={TEMPLATE_STATUSES} labels={INCIDENT_STATUS_LABELS} />
      </SelectField>
      <MarkdownEditor name="body" label="Message" rows={4} maxLength={LIMITS.bodyMax} fallback={template?.body ?? ""} />
      <SubmitButton>{template ? "Save template" : "Create template"}</SubmitButton>
    </ConsoleForm>
  );
}
