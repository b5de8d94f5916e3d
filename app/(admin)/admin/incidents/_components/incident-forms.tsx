"use client";

import { useState } from "react";
import Link from "next/link";
import {
  Field,
  FormMessage,
  InputField,
  NotifyCheckbox,
  SelectField,
  SubmitButton,
  TextAreaField,
  fieldError,
  inputClass,
  valueOf,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import { ComponentStatusFields, type ComponentOption } from "@/app/(admin)/admin/_components/component-status-fields";
import {
  createIncidentAction,
  deleteUpdateAction,
  editUpdateAction,
  linkRelatedAction,
  postUpdateAction,
  reopenIncidentAction,
  resolveIncidentAction,
  unlinkRelatedAction,
  updateIncidentAction,
} from "@/app/(admin)/admin/incidents/actions";
import {
  IMPACT_LABELS,
  INCIDENT_IMPACTS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_UPDATE_STATUSES,
  LIMITS,
  MAINTENANCE_STATUSES,
  type AnyIncidentStatus,
} from "@/lib/status";

type Template = { id: string; name: string; title: string | null; status: string | null; body: string };

export function CreateIncidentForm({
  components,
  templates,
}: {
  components: ComponentOption[];
  templates: Template[];
}) {
  const [state, action] = useConsoleAction(createIncidentAction);
  const [template, setTemplate] = useState<Template | null>(null);
  const applied = template ? `t-${template.id}` : "none";
  return (
    <ConsoleForm action={action} state={state} className="space-y-5">
      <FormMessage state={state} />
      {templates.length ? (
        <div className="space-y-1">
          <label htmlFor="template" className="block text-sm font-medium">
            Start from a template
          </label>
          <select
            id="template"
            className={inputClass}
            value={template?.id ?? ""}
            onChange={(event) => setTemplate(templates.find((t) => t.id === event.target.value) ?? null)}
          >
            <option value="">No template</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <Field id="name" label="Name" error={fieldError(state, "name")}>
        {(aria) => (
          <input
            key={applied}
            {...aria}
            name="name"
            maxLength={LIMITS.nameMax}
            defaultValue={valueOf(state, "name", template?.title ?? "")}
            className={inputClass}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="status" label="Status" error={fieldError(state, "status")}>
          {(aria) => (
            <select
              key={applied}
              {...aria}
              name="status"
              defaultValue={valueOf(
                state,
                "status",
                template?.status && template.status !== "postmortem" ? template.status : "investigating",
              )}
              className={inputClass}
            >
              {INCIDENT_UPDATE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {INCIDENT_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SelectField state={state} id="impact" label="Impact" name="impact" fallback="minor">
          {INCIDENT_IMPACTS.map((impact) => (
            <option key={impact} value={impact}>
              {IMPACT_LABELS[impact]}
            </option>
          ))}
        </SelectField>
      </div>
      <MarkdownEditor
        key={applied}
        name="message"
        label="Message"
        maxLength={LIMITS.bodyMax}
        defaultValue={valueOf(state, "message", template?.body ?? "")}
        error={fieldError(state, "message")}
      />
      <ComponentStatusFields components={components} state={state} error={fieldError(state, "components")} />
      <details
        className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
        open={Boolean(valueOf(state, "startedAt"))}
      >
        <summary className="cursor-pointer text-sm font-medium">Record a past incident (backfill)</summary>
        <div className="mt-3">
          <InputField
            state={state}
            id="startedAt"
            label="Started at (UTC)"
            hint="Leave empty for now. Add later updates with their own times on the incident's page."
            name="startedAt"
            type="datetime-local"
            step="1"
          />
        </div>
      </details>
      <NotifyCheckbox state={state} />
      <SubmitButton pendingLabel="Declaring…">Declare incident</SubmitButton>
    </ConsoleForm>
  );
}

export function PostUpdateForm(props: {
  incidentId: string;
  kind: "incident" | "maintenance";
  currentStatus: AnyIncidentStatus;
  components: ComponentOption[];
  affectedIds: string[];
  templates: Template[];
}) {
  const [state, formAction, resetKey] = useConsoleAction(postUpdateAction, { clearOnSuccess: true });
  const [template, setTemplate] = useState<Template | null>(null);
  const statuses = props.kind === "incident" ? INCIDENT_UPDATE_STATUSES : MAINTENANCE_STATUSES;
  const defaultStatus = (statuses as readonly string[]).includes(props.currentStatus)
    ? props.currentStatus
    : statuses[0];
  const key = `${resetKey}-${template?.id ?? ""}`;
  // The incident's status arrives with the refreshed page, after the form has already been cleared.
  const statusKey = `${key}-${props.currentStatus}`;
  return (
    <ConsoleForm action={formAction} state={state} className="space-y-4">
      <input type="hidden" name="incidentId" value={props.incidentId} />
      <FormMessage state={state} />
      {props.templates.length ? (
        <div className="space-y-1">
          <label htmlFor="update-template" className="block text-sm font-medium">
            Template
          </label>
          <select
            id="update-template"
            className={inputClass}
            value={template?.id ?? ""}
            onChange={(event) => setTemplate(props.templates.find((t) => t.id === event.target.value) ?? null)}
          >
            <option value="">No template</option>
            {props.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <Field id="update-status" label="Status" error={fieldError(state, "status")}>
        {(aria) => (
          <select
            key={statusKey}
            {...aria}
            name="status"
            defaultValue={valueOf(
              state,
              "status",
              template?.status && (statuses as readonly string[]).includes(template.status)
                ? template.status
                : defaultStatus,
            )}
            className={inputClass}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {INCIDENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <MarkdownEditor
        key={key}
        name="body"
        label="Message"
        maxLength={LIMITS.bodyMax}
        defaultValue={valueOf(state, "body", template?.body ?? "")}
        error={fieldError(state, "body")}
      />
      <ComponentStatusFields
        key={`c-${resetKey}`}
        components={props.components}
        affectedIds={props.affectedIds}
        state={state}
        error={fieldError(state, "components")}
        legend="Component status changes"
      />
      <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium">Date this update in the past</summary>
        <div className="mt-3">
          <Field
            id="update-displayAt"
            label="Shown at (UTC)"
            hint="Leave empty for now."
            error={fieldError(state, "displayAt")}
          >
            {(aria) => (
              <input
                key={key}
                {...aria}
                type="datetime-local"
                step="1"
                name="displayAt"
                defaultValue={valueOf(state, "displayAt")}
                className={inputClass}
              />
            )}
          </Field>
        </div>
      </details>
      <NotifyCheckbox state={state} />
      <SubmitButton pendingLabel="Posting…">Post update</SubmitButton>
    </ConsoleForm>
  );
}

export function EditUpdateForm({
  update,
}: {
  update: { id: string; body: string; version: number; displayAtInput: string };
}) {
  const [state, action] = useConsoleAction(editUpdateAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <input type="hidden" name="updateId" value={update.id} />
      <input type="hidden" name="version" value={update.version} />
      <FormMessage state={state} />
      <MarkdownEditor
        name="body"
        label="Message"
        maxLength={LIMITS.bodyMax}
        defaultValue={valueOf(state, "body", update.body)}
        error={fieldError(state, "body")}
      />
      <InputField
        state={state}
        id={`displayAt-${update.id}`}
        label="Shown at (UTC)"
        name="displayAt"
        fallback={update.displayAtInput}
        type="datetime-local"
        step="1"
      />
      <SubmitButton>Save update</SubmitButton>
    </ConsoleForm>
  );
}

export function DeleteUpdateForm({ updateId }: { updateId: string }) {
  const [state, action] = useConsoleAction(deleteUpdateAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-2">
      <input type="hidden" name="updateId" value={updateId} />
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <SubmitButton
        variant="danger"
        pendingLabel="Deleting…"
        confirm="Delete this update? It disappears from the public page. Component statuses are not changed."
      >
        Delete update
      </SubmitButton>
    </ConsoleForm>
  );
}

export function RenameIncidentForm(props: {
  incidentId: string;
  kind: "incident" | "maintenance";
  name: string;
  impact: string;
  version: number;
}) {
  const [state, action] = useConsoleAction(updateIncidentAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <input type="hidden" name="incidentId" value={props.incidentId} />
      <input type="hidden" name="version" value={props.version} />
      <FormMessage state={state} />
      <InputField
        state={state}
        id="rename-name"
        label="Name"
        name="name"
        fallback={props.name}
        maxLength={LIMITS.nameMax}
      />
      {props.kind === "incident" ? (
        <SelectField state={state} id="rename-impact" label="Impact" name="impact" fallback={props.impact}>
          {INCIDENT_IMPACTS.map((impact) => (
            <option key={impact} value={impact}>
              {IMPACT_LABELS[impact]}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SubmitButton variant="secondary">Save name{props.kind === "incident" ? " and impact" : ""}</SubmitButton>
    </ConsoleForm>
  );
}

export function ResolveIncidentForm({ incidentId, hasAffected }: { incidentId: string; hasAffected: boolean }) {
  const [state, action] = useConsoleAction(resolveIncidentAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <input type="hidden" name="incidentId" value={incidentId} />
      <p className="text-sm text-zinc-700 dark:text-zinc-300">Posts a final Resolved update and closes the incident.</p>
      <FormMessage state={state} />
      <TextAreaField
        state={state}
        id="resolve-body"
        label="Resolution message"
        hint="Optional; defaults to “This incident has been resolved.”"
        name="body"
        rows={3}
        maxLength={LIMITS.bodyMax}
      />
      {hasAffected ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="setComponentsOperational" defaultChecked className="h-4 w-4" />
          Set affected components back to operational
        </label>
      ) : null}
      <details className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <summary className="cursor-pointer text-sm font-medium">Date the resolution in the past</summary>
        <div className="mt-3">
          <InputField
            state={state}
            id="resolve-displayAt"
            label="Resolved at (UTC)"
            hint="Leave empty for now."
            name="displayAt"
            type="datetime-local"
            step="1"
          />
        </div>
      </details>
      <NotifyCheckbox state={state} />
      <SubmitButton
        variant="resolve"
        pendingLabel="Resolving…"
        confirm="Resolve this incident? Subscribers are told it is over."
      >
        Resolve incident
      </SubmitButton>
    </ConsoleForm>
  );
}

export function ReopenIncidentForm({ incidentId }: { incidentId: string }) {
  const [state, action] = useConsoleAction(reopenIncidentAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={state} />
      <TextAreaField
        state={state}
        id="reopen-body"
        label="Message"
        hint="Optional."
        name="body"
        rows={2}
        maxLength={LIMITS.bodyMax}
      />
      <NotifyCheckbox state={state} fallback={false} />
      <SubmitButton variant="secondary" confirm="Reopen this incident as Investigating?">
        Reopen incident
      </SubmitButton>
    </ConsoleForm>
  );
}

export function RelatedIncidents(props: {
  incidentId: string;
  related: { id: string; name: string }[];
  candidates: { id: string; name: string; startedLabel: string }[];
  canEdit: boolean;
}) {
  const [linkState, linkAction] = useConsoleAction(linkRelatedAction);
  const [unlinkState, unlinkAction] = useConsoleAction(unlinkRelatedAction);
  const linkedIds = new Set(props.related.map((r) => r.id));
  return (
    <div className="space-y-3">
      {props.related.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No related incidents.</p>
      ) : null}
      <FormMessage state={unlinkState && !unlinkState.ok ? unlinkState : null} />
      <ul className="space-y-2">
        {props.related.map((r) => (
          <li key={r.id} className="flex items-center justify-between gap-2">
            <Link
              href={`/admin/incidents/${r.id}`}
              className="text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
            >
              {r.name}
            </Link>
            {props.canEdit ? (
              <ConsoleForm action={unlinkAction} state={unlinkState}>
                <input type="hidden" name="incidentId" value={props.incidentId} />
                <input type="hidden" name="relatedId" value={r.id} />
                <SubmitButton variant="secondary" pendingLabel="Unlinking…" confirm={`Unlink “${r.name}”?`}>
                  Unlink
                </SubmitButton>
              </ConsoleForm>
            ) : null}
          </li>
        ))}
      </ul>
      {props.canEdit ? (
        <ConsoleForm action={linkAction} state={linkState} className="space-y-2">
          <input type="hidden" name="incidentId" value={props.incidentId} />
          <FormMessage state={linkState} />
          <Field id="relatedId" label="Link a related incident" error={fieldError(linkState, "relatedId")}>
            {(aria) => (
              <select {...aria} name="relatedId" defaultValue="" className={inputClass}>
                <option value="" disabled>
                  Choose an incident
                </option>
                {props.candidates
                  .filter((c) => !linkedIds.has(c.id))
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} — {c.startedLabel}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <SubmitButton variant="secondary" pendingLabel="Linking…">
            Link incident
          </SubmitButton>
        </ConsoleForm>
      ) : null}
    </div>
  );
}
