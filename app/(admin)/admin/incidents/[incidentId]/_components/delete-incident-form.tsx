"use client";

import { FormMessage, InputField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { Disclosure } from "@/app/(admin)/admin/_components/disclosure";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { deleteIncidentAction } from "@/app/(admin)/admin/incidents/[incidentId]/delete-actions";

/** Deleting cannot be undone, so it sits closed at the foot of the page and asks for the name to be typed back. */
export function DeleteIncidentForm({
  incidentId,
  name,
  kind,
}: {
  incidentId: string;
  name: string;
  kind: "incident" | "maintenance";
}) {
  const [state, action] = useConsoleAction(deleteIncidentAction);
  const noun = kind === "maintenance" ? "maintenance" : "incident";
  return (
    <Disclosure summary={`Delete this ${noun}…`} contentClassName="space-y-3 pt-3">
      <p className="text-sm">
        This removes the {noun}, its updates{kind === "incident" ? " and postmortem" : ""} from the console, the public
        page, the history, the feeds and the API. Component statuses are not changed. It cannot be undone.
      </p>
      <ConsoleForm action={action} state={state} className="space-y-3">
        <HiddenFields values={{ incidentId }} />
        <FormMessage state={state} />
        <InputField
          id="confirmName"
          name="confirmName"
          label={`Type the ${noun}'s name to confirm`}
          hint={name}
          autoComplete="off"
          required
        />
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete {noun}
        </SubmitButton>
      </ConsoleForm>
    </Disclosure>
  );
}
