"use client";

import Link from "next/link";
import { Field, FormMessage, SubmitButton, fieldError, inputClass } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { RecordOptions } from "@/app/(admin)/admin/_components/options";
import { linkRelatedAction, unlinkRelatedAction } from "@/app/(admin)/admin/incidents/actions";

/** The incidents linked to this one, each with Unlink, and a form to link another; unlink refusals show above. */
export function RelatedIncidents(props: {
  incidentId: string;
  related: { id: string; name: string }[];
  candidates: { id: string; name: string; startedLabel: string }[];
  canEdit: boolean;
}) {
  const [linkState, linkAction] = useConsoleAction(linkRelatedAction);
  const [unlinkState, unlinkAction] = useConsoleAction(unlinkRelatedAction);
  const linkedIds = new Set(props.related.map((r) => r.id));
  const choices = props.candidates
    .filter((c) => !linkedIds.has(c.id))
    .map((c) => ({ id: c.id, name: `${c.name} — ${c.startedLabel}` }));
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
                <HiddenFields values={{ incidentId: props.incidentId, relatedId: r.id }} />
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
          <HiddenFields values={{ incidentId: props.incidentId }} />
          <FormMessage state={linkState} />
          <Field id="relatedId" label="Link a related incident" error={fieldError(linkState, "relatedId")}>
            {(aria) => (
              <select {...aria} name="relatedId" defaultValue="" className={inputClass}>
                <option value="" disabled>
                  Choose an incident
                </option>
                <RecordOptions records={choices} />
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
