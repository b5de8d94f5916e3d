"use server";

import { refresh } from "next/cache";
import { formValues, perform } from "@/app/(admin)/admin/_lib/perform";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import { requireActor } from "@/server/auth/session";
import { actionFailure } from "@/server/action-failure";
import { formInput } from "@/server/services/validation";
import { updateMailSettings, updateMailSettingsSchema } from "@/server/services/mail-settings/update-mail-settings";
import { sendTestEmail } from "@/server/services/mail-settings/send-test-email";

export async function updateMailSettingsAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  // A refused form sends back what was typed; never the password.
  const echoed = new FormData();
  for (const [name, value] of formData.entries()) if (name !== "password") echoed.append(name, value);
  return perform(
    "owner",
    echoed,
    (actor) =>
      updateMailSettings({
        ctx: { actor },
        input: formInput(updateMailSettingsSchema, {
          version: values.version,
          smtpUrl: values.smtpUrl,
          password: values.password,
          removePassword: values.removePassword,
          mailFrom: values.mailFrom,
        }),
      }),
    "Email settings saved.",
  );
}

/** The mail server's answer is the point of a test, so a refusal comes back as the form's error, word for word. */
export async function sendTestEmailAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const actor = await requireActor("owner");
    const result = await sendTestEmail({ ctx: { actor }, input: { to: values.to ?? "" } });
    refresh();
    if (result.ok) return { ok: true, message: `The mail server accepted the test email: ${result.answer}` };
    return { ok: false, formError: `The mail server refused the test email: ${result.answer}`, values };
  } catch (error) {
    return { ...actionFailure(error), values };
  }
}
