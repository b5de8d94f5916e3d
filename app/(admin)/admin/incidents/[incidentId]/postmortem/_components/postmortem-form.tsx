"use client";

import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import { UtcDateTimeField } from "@/app/(admin)/admin/_components/utc-date-time-field";
import { postmortemAction } from "@/app/(admin)/admin/incidents/[incidentId]/postmortem/actions";
import { LIMITS } from "@/lib/status";

/** The postmortem's draft; published, its changes wait in the draft until published again. */
export function PostmortemForm(props: {
  incidentId: string;
  body: string;
  version: number;
  published: boolean;
  canPublish: boolean;
}) {
  const [state, action] = useConsoleAction(postmortemAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-4">
      <HiddenFields
        values={{ incidentId: props.incidentId, version: props.version, published: props.published ? "1" : undefined }}
      />
      <FormMessage state={state} />
      <MarkdownEditor
        name="body"
        label="Postmortem (markdown)"
        rows={22}
        sideBySide
        maxLength={LIMITS.postmortemMax}
        fallback={props.body}
      />
      {!props.published && props.canPublish ? (
        <UtcDateTimeField
          id="postmortem-publishedAt"
          label="Published at (UTC)"
          hint="Leave empty to publish now; set a past date for a backfilled incident."
          name="publishedAt"
          className="sm:w-72"
        />
      ) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="intent" value="save" variant="secondary">
          Save draft
        </SubmitButton>
        {props.published ? (
          <>
            <SubmitButton
              name="intent"
              value="publish"
              confirm="Publish these changes? Readers see them on the public incident page at once."
            >
              Publish changes
            </SubmitButton>
            <SubmitButton
              name="intent"
              value="unpublish"
              variant="danger"
              confirm="Unpublish this postmortem? It disappears from the public page and stays as a draft."
            >
              Unpublish
            </SubmitButton>
          </>
        ) : props.canPublish ? (
          <SubmitButton name="intent" value="publish" confirm="Publish this postmortem on the public incident page?">
            Publish
          </SubmitButton>
        ) : null}
      </div>
      {!props.canPublish && !props.published ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Resolve the incident to publish its postmortem.</p>
      ) : null}
    </ConsoleForm>
  );
}
