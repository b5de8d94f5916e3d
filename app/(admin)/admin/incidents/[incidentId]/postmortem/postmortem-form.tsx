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
import { postmortemAction } from "@/app/(admin)/admin/incidents/[incidentId]/postmortem/actions";
import { LIMITS } from "@/lib/status";

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
      <input type="hidden" name="incidentId" value={props.incidentId} />
      <input type="hidden" name="version" value={props.version} />
      {props.published ? <input type="hidden" name="published" value="1" /> : null}
      <FormMessage state={state} />
      <MarkdownEditor
        name="body"
        label="Postmortem (markdown)"
        rows={22}
        sideBySide
        maxLength={LIMITS.postmortemMax}
        defaultValue={valueOf(state, "body", props.body)}
        error={fieldError(state, "body")}
      />
      {!props.published && props.canPublish ? (
        <Field
          id="postmortem-publishedAt"
          label="Published at (UTC)"
          hint="Leave empty to publish now; set a past date for a backfilled incident."
          error={fieldError(state, "publishedAt")}
        >
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step="1"
              name="publishedAt"
              defaultValue={valueOf(state, "publishedAt")}
              className={`${inputClass} sm:w-72`}
            />
          )}
        </Field>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {props.published ? (
          <>
            <SubmitButton name="intent" value="save" variant="secondary">
              Save draft
            </SubmitButton>
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
        ) : (
          <>
            <SubmitButton name="intent" value="save" variant="secondary">
              Save draft
            </SubmitButton>
            {props.canPublish ? (
              <SubmitButton
                name="intent"
                value="publish"
                confirm="Publish this postmortem on the public incident page?"
              >
                Publish
              </SubmitButton>
            ) : null}
          </>
        )}
      </div>
      {!props.canPublish && !props.published ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Resolve the incident to publish its postmortem.</p>
      ) : null}
    </ConsoleForm>
  );
}
