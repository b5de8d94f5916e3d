"use client";

import {
  FormMessage,
  InputField,
  SelectField,
  SubmitButton,
  fieldError,
  valueOf,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import { deleteTemplateAction, saveTemplateAction } from "@/app/(admin)/admin/templates/actions";
import { INCIDENT_STATUSES, INCIDENT_STATUS_LABELS, LIMITS } from "@/lib/status";

type Template = { id: string; name: string; title: string | null; status: string | null; body: string };

export function TemplateForm({ template }: { template?: Template }) {
  const [state, action, resetKey] = useConsoleAction(saveTemplateAction, { clearOnSuccess: !template });
  const prefix = template?.id ?? "new";
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      {template ? <input type="hidden" name="templateId" value={template.id} /> : null}
      <FormMessage state={state} />
      <InputField
        state={state}
        id={`${prefix}-name`}
        label="Template name"
        name="name"
        fallback={template?.name ?? ""}
        maxLength={LIMITS.nameMax}
      />
      <InputField
        state={state}
        id={`${prefix}-title`}
        label="Incident name"
        hint="Optional; fills the name when declaring an incident."
        name="title"
        fallback={template?.title ?? ""}
        maxLength={LIMITS.nameMax}
      />
      <SelectField state={state} id={`${prefix}-status`} label="Status" name="status" fallback={template?.status ?? ""}>
        <option value="">Any</option>
        {INCIDENT_STATUSES.filter((s) => s !== "postmortem").map((s) => (
          <option key={s} value={s}>
            {INCIDENT_STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <MarkdownEditor
        name="body"
        label="Message"
        rows={4}
        maxLength={LIMITS.bodyMax}
        defaultValue={valueOf(state, "body", template?.body ?? "")}
        error={fieldError(state, "body")}
      />
      <SubmitButton>{template ? "Save template" : "Create template"}</SubmitButton>
    </ConsoleForm>
  );
}

export function DeleteTemplateForm({ template }: { template: Template }) {
  const [state, action] = useConsoleAction(deleteTemplateAction);
  return (
    <ConsoleForm action={action} state={state}>
      <input type="hidden" name="templateId" value={template.id} />
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <SubmitButton variant="danger" pendingLabel="Deleting…" confirm={`Delete the template “${template.name}”?`}>
        Delete template
      </SubmitButton>
    </ConsoleForm>
  );
}
