"use client";

import { FormMessage, InputField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { sendTestEmailAction } from "@/app/(admin)/admin/settings/email/actions";

/** Sends a test email; a refusal shows the mail server's answer word for word. */
export function TestEmailForm({ defaultTo }: { defaultTo: string }) {
  const [state, action] = useConsoleAction(sendTestEmailAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-3">
      <FormMessage state={state} />
      <InputField id="mail-test-to" name="to" label="Send a test email to" type="email" fallback={defaultTo} />
      <SubmitButton pendingLabel="Sending…">Send test email</SubmitButton>
    </ConsoleForm>
  );
}
