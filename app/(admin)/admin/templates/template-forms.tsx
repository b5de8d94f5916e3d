"use client";

import {
  Field,
  FormMessage,
  SubmitButton,
  fieldError,
  inputClass,
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
      <Field id={`${prefix}-name`} label="Template name" error={fieldError(state, "name")}>
        {(aria) => (
          <input
            {...aria}
            name="name"
            maxLength={LIMITS.nameMax}
            defaultValue={valueOf(state, "name", template?.name ?? "")}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id={`${prefix}-title`}
        label="Incident name"
        hint="Optional; fills the name when declaring an incident."
        error={fieldError(state, "title")}
      >
        {(aria) => (
          <input
            {...aria}
            name="title"
            maxLength={LIMITS.nameMax}
            defaultValue={valueOf(state, "title", template?.title ?? "")}
            className={inputClass}
          />
        )}
      </Field>
      <Field id={`${prefix}-status`} label="Status" error={fieldError(state, "status")}>
        {(aria) => (
          <select
            {...aria}
            name="status"
            defaultValue={valueOf(state, "status", template?.status ?? "")}
            className={inputClass}
          >
            <option value="">Any</option>
            {INCIDENT_STATUSES.filter((s) => s !== "postmortem").map((s) => (
              <option key={s} value={s}>
                {INCIDENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
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
