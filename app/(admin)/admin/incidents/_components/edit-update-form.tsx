"use client";

import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { MarkdownEditor } from "@/app/(admin)/admin/_components/markdown-editor";
import { UtcDateTimeField } from "@/app/(admin)/admin/_components/utc-date-time-field";
import { editUpdateAction } from "@/app/(admin)/admin/incidents/actions";
import { LIMITS } from "@/lib/status";

export function EditUpdateForm({
  update,
}: {
  update: { id: string; body: string; version: number; displayAtInput: string };
}) {
  const [state, action] = useConsoleAction(editUpdateAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <HiddenFields values={{ updateId: update.id, version: update.version }} />
      <FormMessage state={state} />
      <MarkdownEditor name="body" label="Message" maxLength={LIMITS.bodyMax} fallback={update.body} />
      <UtcDateTimeField
        id={`displayAt-${update.id}`}
        label="Shown at (UTC)"
        name="displayAt"
        fallback={update.displayAtInput}
      />
      <SubmitButton>Save update</SubmitButton>
    </ConsoleForm>
  );
}
