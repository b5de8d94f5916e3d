"use client";

import { FormMessage, InputField, SelectField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { EnumOptions } from "@/app/(admin)/admin/_components/options";
import { updateIncidentAction } from "@/app/(admin)/admin/incidents/actions";
import { IMPACT_LABELS, INCIDENT_IMPACTS, LIMITS } from "@/lib/status";

/** An incident's name and impact (a maintenance has no impact to change). */
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
      <HiddenFields values={{ incidentId: props.incidentId, version: props.version }} />
      <FormMessage state={state} />
      <InputField id="rename-name" label="Name" name="name" fallback={props.name} maxLength={LIMITS.nameMax} />
      {props.kind === "incident" ? (
        <SelectField id="rename-impact" label="Impact" name="impact" fallback={props.impact}>
          <EnumOptions values={INCIDENT_IMPACTS} labels={IMPACT_LABELS} />
        </SelectField>
      ) : null}
      <SubmitButton variant="secondary">Save name{props.kind === "incident" ? " and impact" : ""}</SubmitButton>
    </ConsoleForm>
  );
}
