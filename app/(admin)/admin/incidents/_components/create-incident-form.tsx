"use client";

import { useState } from "react";
import {
  FormMessage,
  InputField,
  NotifyCheckbox,
  SelectField,
  SubmitButton,
  fieldError,
  valueOf,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import { ComponentStatusFields, type ComponentOption } from "@/app/(admin)/admin/_components/component-status-fields";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { UtcDateTimeField } from "@/app/(admin)/admin/_components/utc-date-time-field";
import { PastDateDisclosure } from "@/app/(admin)/admin/incidents/_components/past-date-disclosure";
import { TemplatePicker } from "@/app/(admin)/admin/incidents/_components/template-picker";
import type { MessageTemplate } from "@/app/(admin)/admin/templates/_components/template-form";
import { createIncidentAction } from "@/app/(admin)/admin/incidents/actions";
import {
  IMPACT_LABELS,
  INCIDENT_IMPACTS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_UPDATE_STATUSES,
  LIMITS,
} from "@/lib/status";

export function CreateIncidentForm({
  components,
  templates,
}: {
  components: ComponentOption[];
  templates: MessageTemplate[];
}) {
  const [state, action] = useConsoleAction(createIncidentAction);
  const [template, setTemplate] = useState<MessageTemplate | null>(null);
  const applied = template ? `t-${template.id}` : "none";
  return (
    <ConsoleForm action={action} state={state} className="space-y-5">
      <FormMessage state={state} />
      <TemplatePicker
        id="template"
        label="Start from a template"
        templates={templates}
        chosen={template}
        onChoose={setTemplate}
      />
      <InputField
        key={applied}
        id="name"
        label="Name"
        name="name"
        fallback={template?.title ?? ""}
        maxLength={LIMITS.nameMax}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          key={applied}
          id="status"
          label="Status"
          name="status"
          fallback={template?.status && template.status !== "postmortem" ? template.status : "investigating"}
        >
          <EnumOptions values={INCIDENT_UPDATE_STATUSES} labels={INCIDENT_STATUS_LABELS} />
        </SelectField>
        <SelectField id="impact" label="Impact" name="impact" fallback="minor">
          <EnumOptions values={INCIDENT_IMPACTS} labels={IMPACT_LABELS} />
        </SelectField>
      </div>
      <MarkdownEditor
        key={applied}
        name="message"
        label="Message"
        maxLength={LIMITS.bodyMax}
        fallback={template?.body ?? ""}
      />
      <ComponentStatusFields components={components} state={state} error={fieldError(state, "components")} />
      <PastDateDisclosure summary="Record a past incident (backfill)" open={Boolean(valueOf(state, "startedAt"))}>
        <UtcDateTimeField
          id="startedAt"
          label="Started at (UTC)"
          hint="Leave empty for now. Add later updates with their own times on the incident's page."
          name="startedAt"
        />
      </PastDateDisclosure>
      <NotifyCheckbox />
      <SubmitButton pendingLabel="Declaring…">Declare incident</SubmitButton>
    </ConsoleForm>
  );
}
