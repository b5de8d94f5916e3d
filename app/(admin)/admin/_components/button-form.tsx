"use client";

import type { ComponentProps } from "react";
import { FormMessage, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";

/**
 * A form that is one button acting on the record `fields` name. A refusal shows as the form message above the
 * button or, `compact`, as one line below it (for buttons in lists and rows).
 */
export function ButtonForm<S extends ActionState>({
  action,
  fields,
  className,
  compact,
  errorClassName = "",
  ...button
}: {
  action: (previous: S, formData: FormData) => Promise<S>;
  fields: Record<string, string | number | undefined>;
  className?: string;
  compact?: boolean;
  errorClassName?: string;
} & ComponentProps<typeof SubmitButton>) {
  const [state, formAction] = useConsoleAction(action);
  return (
    <ConsoleForm action={formAction} state={state} className={className}>
      <HiddenFields values={fields} />
      {compact ? null : <FormMessage state={state} />}
      <SubmitButton {...button} />
      {compact && state && !state.ok ? (
        <p role="alert" className={`${errorClassName} text-sm text-red-700 dark:text-red-400`.trim()}>
          {state.formError}
        </p>
      ) : null}
    </ConsoleForm>
  );
}
