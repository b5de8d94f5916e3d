"use client";

import { useState } from "react";
import {
  FormMessage,
  NotifyCheckbox,
  SelectField,
  SubmitButton,
  fieldError,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import { ComponentStatusFields, type ComponentOption } from "@/app/(admin)/admin/_components/component-status-fields";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { UtcDateTimeField } from "@/app/(admin)/admin/_components/utc-date-time-field";
import { PastDateDisclosure } from "@/app/(admin)/admin/incidents/_components/past-date-disclosure";
import { TemplatePicker } from "@/app/(admin)/admin/incidents/_components/template-picker";
import type { MessageTemplate } from "@/app/(admin)/admin/templates/_components/template-form";
import { postUpdateAction } from "@/app/(admin)/admin/incidents/actions";
import {
  INCIDENT_STATUS_LABELS,
  INCIDENT_UPDATE_STATUSES,
  LIMITS,
  MAINTENANCE_STATUSES,
  type AnyIncidentStatus,
} from "@/lib/status";

export function PostUpdateForm(props: {
  incidentId: string;
  kind: "incident" | "maintenance";
  currentStatus: AnyIncidentStatus;
  components: ComponentOption[];
  affectedIds: string[];
  templates: MessageTemplate[];
}) {
  const [state, formAction, resetKey] = useConsoleAction(postUpdateAction, { clearOnSuccess: true });
  const [template, setTemplate] = useState<MessageTemplate | null>(null);
  const statuses = props.kind === "incident" ? INCIDENT_UPDATE_STATUSES : MAINTENANCE_STATUSES;
  const defaultStatus = (statuses as readonly string[]).includes(props.currentStatus)
    ? props.currentStatus
    : statuses[0];
  const key = `${resetKey}-${template?.id ?? ""}`;
  // The incident's status arrives with the refreshed page, after the form has already been cleared.
  const statusKey = `${key}-${props.currentStatus}`;
  return (
    <ConsoleForm action={formAction} state={state} className="space-y-4">
      <HiddenFields values={{ incidentId: props.incidentId }} />
      <FormMessage state={state} />
      <TemplatePicker
        id="update-template"
        label="Template"
        templates={props.templates}
        chosen={template}
        onChoose={setTemplate}
      />
      <SelectField
        key={statusKey}
        id="update-status"
        label="Status"
        name="status"
        fallback={
          template?.status && (statuses as readonly string[]).includes(template.status)
            ? template.status
            : defaultStatus
        }
      >
        <EnumOptions values={statuses} labels={INCIDENT_STATUS_LABELS} />
      </SelectField>
      <MarkdownEditor
        key={key}
        name="body"
        label="Message"
        maxLength={LIMITS.bodyMax}
        fallback={template?.body ?? ""}
      />
      <ComponentStatusFields
        key={`c-${resetKey}`}
        components={props.components}
        affectedIds={props.affectedIds}
        state={state}
        error={fieldError(state, "components")}
        legend="Component status changes"
      />
      <PastDateDisclosure summary="Date this update in the past">
        <UtcDateTimeField
          key={key}
          id="update-displayAt"
          label="Shown at (UTC)"
          hint="Leave empty for now."
          name="displayAt"
        />
      </PastDateDisclosure>
      <NotifyCheckbox />
      <SubmitButton pendingLabel="Posting…">Post update</SubmitButton>
    </ConsoleForm>
  );
}
