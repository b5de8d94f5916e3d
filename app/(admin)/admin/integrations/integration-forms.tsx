"use client";

import {
  CheckboxField,
  Field,
  FormMessage,
  InputField,
  SelectField,
  SubmitButton,
  fieldError,
  inputClass,
  valueOf,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import {
  createAlertRuleAction,
  createIntegrationAction,
  deleteAlertRuleAction,
  revokeIntegrationAction,
  updateIntegrationAction,
} from "@/app/(admin)/admin/integrations/actions";
import {
  ALERT_INCIDENT_MODES,
  ALERT_INCIDENT_MODE_LABELS,
  ALERT_SOURCES,
  ALERT_SOURCE_LABELS,
  DAMPING_DEFAULT_SECONDS,
} from "@/lib/integrations";
import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS } from "@/lib/status";

export function CreateIntegrationForm({ baseUrl }: { baseUrl: string }) {
  const [state, action] = useConsoleAction(createIntegrationAction);
  return (
    <div className="space-y-4">
      {state?.ok && state.token ? (
        <div
          role="status"
          className="space-y-2 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          <p className="font-medium">
            Integration “{state.integrationName}” created. Copy its token now: it will not be shown again.
          </p>
          <label htmlFor="new-integration-url" className="block">
            URL
          </label>
          <input
            id="new-integration-url"
            readOnly
            value={`${baseUrl}/api/integrations/${state.integrationId}`}
            onFocus={(e) => e.currentTarget.select()}
            className={`${inputClass} font-mono`}
          />
          <label htmlFor="new-integration-token" className="block">
            Token (send as <code>Authorization: Bearer …</code>)
          </label>
          <input
            id="new-integration-token"
            readOnly
            value={state.token}
            onFocus={(e) => e.currentTarget.select()}
            className={`${inputClass} font-mono`}
          />
        </div>
      ) : null}
      <ConsoleForm action={action} state={state} className="space-y-3">
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <InputField
          state={state}
          id="integration-name"
          label="Name"
          hint="Which monitoring sends to it, e.g. “Prometheus prod”."
          name="name"
          maxLength={100}
        />
        <SelectField state={state} id="integration-source" label="Source" name="source" fallback="alertmanager">
          {ALERT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {ALERT_SOURCE_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <DampingFields idPrefix="integration" state={state} />
        <SubmitButton pendingLabel="Creating…">Create integration</SubmitButton>
      </ConsoleForm>
    </div>
  );
}

function DampingFields({
  idPrefix,
  state,
  values,
}: {
  idPrefix: string;
  state: Parameters<typeof fieldError>[0];
  values?: { fireAfterSeconds: number; recoverAfterSeconds: number };
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field
        id={`${idPrefix}-fire`}
        label="Fire after (seconds)"
        hint="An alert must keep firing this long before its component changes."
        error={fieldError(state, "fireAfterSeconds")}
      >
        {(aria) => (
          <input
            {...aria}
            name="fireAfterSeconds"
            type="number"
            min={0}
            max={86400}
            defaultValue={valueOf(
              state,
              "fireAfterSeconds",
              String(values?.fireAfterSeconds ?? DAMPING_DEFAULT_SECONDS),
            )}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id={`${idPrefix}-recover`}
        label="Recover after (seconds)"
        hint="After the last alert resolves, wait this long before the component recovers."
        error={fieldError(state, "recoverAfterSeconds")}
      >
        {(aria) => (
          <input
            {...aria}
            name="recoverAfterSeconds"
            type="number"
            min={0}
            max={86400}
            defaultValue={valueOf(
              state,
              "recoverAfterSeconds",
              String(values?.recoverAfterSeconds ?? DAMPING_DEFAULT_SECONDS),
            )}
            className={inputClass}
          />
        )}
      </Field>
    </div>
  );
}

export function UpdateIntegrationForm({
  integration,
}: {
  integration: { id: string; name: string; fireAfterSeconds: number; recoverAfterSeconds: number };
}) {
  const [state, action] = useConsoleAction(updateIntegrationAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <input type="hidden" name="integrationId" value={integration.id} />
      <FormMessage state={state} />
      <InputField
        state={state}
        id={`${integration.id}-name`}
        label="Name"
        name="name"
        fallback={integration.name}
        maxLength={100}
      />
      <DampingFields idPrefix={integration.id} state={state} values={integration} />
      <SubmitButton variant="secondary">Save integration</SubmitButton>
    </ConsoleForm>
  );
}

export function AlertRuleForm({
  integrationId,
  components,
  templates,
}: {
  integrationId: string;
  components: { id: string; name: string }[];
  templates: { id: string; name: string }[];
}) {
  const [state, action, resetKey] = useConsoleAction(createAlertRuleAction, { clearOnSuccess: true });
  const p = `${integrationId}-rule`;
  return (
    <ConsoleForm key={resetKey} action={action} state={state} className="space-y-3">
      <input type="hidden" name="integrationId" value={integrationId} />
      <FormMessage state={state} />
      <Field
        id={`${p}-matchers`}
        label="Label matchers"
        hint={'Comma-separated: service="api", severity=~"critical|page", env!="dev".'}
        error={fieldError(state, "matchers")}
      >
        {(aria) => (
          <input
            {...aria}
            name="matchers"
            maxLength={1000}
            defaultValue={valueOf(state, "matchers")}
            className={`${inputClass} font-mono`}
          />
        )}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField state={state} id={`${p}-component`} label="Component" name="componentId">
          <option value="">Choose…</option>
          {components.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField state={state} id={`${p}-status`} label="While firing" name="firingStatus" fallback="major_outage">
          {COMPONENT_STATUSES.filter((s) => s !== "operational").map((s) => (
            <option key={s} value={s}>
              {COMPONENT_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField state={state} id={`${p}-mode`} label="On a major outage" name="incidentMode" fallback="none">
          {ALERT_INCIDENT_MODES.map((m) => (
            <option key={m} value={m}>
              {ALERT_INCIDENT_MODE_LABELS[m]}
            </option>
          ))}
        </SelectField>
        <SelectField state={state} id={`${p}-template`} label="Incident template" name="incidentTemplateId">
          <option value="">None</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
      </div>
      <CheckboxField state={state} name="overrideIncidents" fallback={false}>
        Change the component even while a responder has an open incident on it
      </CheckboxField>
      <SubmitButton variant="secondary">Add rule</SubmitButton>
    </ConsoleForm>
  );
}

function SmallForm({
  name,
  value,
  action,
  label,
  pendingLabel,
  variant,
  confirm,
}: {
  name: string;
  value: string;
  action: typeof deleteAlertRuleAction;
  label: string;
  pendingLabel: string;
  variant?: "secondary" | "danger" | "primary";
  confirm?: string;
}) {
  const [state, formAction] = useConsoleAction(action);
  return (
    <ConsoleForm action={formAction} state={state} className="space-y-1">
      <input type="hidden" name={name} value={value} />
      <SubmitButton variant={variant ?? "secondary"} pendingLabel={pendingLabel} confirm={confirm}>
        {label}
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.formError}
        </p>
      ) : null}
    </ConsoleForm>
  );
}

export function DeleteRuleButton({ ruleId }: { ruleId: string }) {
  return (
    <SmallForm
      name="ruleId"
      value={ruleId}
      action={deleteAlertRuleAction}
      label="Delete rule"
      pendingLabel="Deleting…"
      variant="danger"
      confirm="Delete this rule? Components it holds recover on the next pass."
    />
  );
}

export function RevokeIntegrationButton({ integrationId, name }: { integrationId: string; name: string }) {
  return (
    <SmallForm
      name="integrationId"
      value={integrationId}
      action={revokeIntegrationAction}
      label={`Revoke ${name}`}
      pendingLabel="Revoking…"
      variant="danger"
      confirm={`Revoke “${name}”? Its URL answers 401 from now on.`}
    />
  );
}
