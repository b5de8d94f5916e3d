"use client";

import {
  CheckboxField,
  FormMessage,
  InputField,
  SelectField,
  SubmitButton,
} from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { EnumOptions, RecordOptions } from "@/app/(admin)/admin/_components/options";
import { createAlertRuleAction } from "@/app/(admin)/admin/integrations/actions";
import { ALERT_INCIDENT_MODES, ALERT_INCIDENT_MODE_LABELS } from "@/lib/integrations";
import { COMPONENT_STATUSES, COMPONENT_STATUS_LABELS } from "@/lib/status";

const FIRING_STATUSES = COMPONENT_STATUSES.filter((s) => s !== "operational");

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
      <HiddenFields values={{ integrationId }} />
      <FormMessage state={state} />
      <InputField
        id={`${p}-matchers`}
        label="Label matchers"
        hint={'Comma-separated: service="api", severity=~"critical|page", env!="dev".'}
        name="matchers"
        maxLength={1000}
        className="font-mono"
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id={`${p}-component`} label="Component" name="componentId">
          <option value="">Choose…</option>
          <RecordOptions records={components} />
        </SelectField>
        <SelectField id={`${p}-status`} label="While firing" name="firingStatus" fallback="major_outage">
          <EnumOptions values={FIRING_STATUSES} labels={COMPONENT_STATUS_LABELS} />
        </SelectField>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id={`${p}-mode`} label="On a major outage" name="incidentMode" fallback="none">
          <EnumOptions values={ALERT_INCIDENT_MODES} labels={ALERT_INCIDENT_MODE_LABELS} />
        </SelectField>
        <SelectField id={`${p}-template`} label="Incident template" name="incidentTemplateId">
          <option value="">None</option>
          <RecordOptions records={templates} />
        </SelectField>
      </div>
      <CheckboxField name="overrideIncidents" fallback={false}>
        Change the component even while a responder has an open incident on it
      </CheckboxField>
      <SubmitButton variant="secondary">Add rule</SubmitButton>
    </ConsoleForm>
  );
}
