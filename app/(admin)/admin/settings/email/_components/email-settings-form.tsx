"use client";

import { CheckboxField, FormMessage, InputField, SubmitButton } from "@/app/(admin)/admin/_components/form-bits";
import { ConsoleForm, useConsoleAction } from "@/app/(admin)/admin/_components/console-form";
import { HiddenFields } from "@/app/(admin)/admin/_components/hidden-fields";
import { updateMailSettingsAction } from "@/app/(admin)/admin/settings/email/actions";
import type { MailSettingsView } from "@/server/queries/mail-settings";

export type EmailSettingsFormProps = Pick<MailSettingsView, "environment" | "saved"> & { defaultMailFrom: string };

function FromEnvironment({ label, value, variable }: { label: string; value: string; variable: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">{label}</p>
      <p className="rounded-md bg-zinc-100 px-3 py-2 font-mono text-sm break-all dark:bg-zinc-900">{value}</p>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Set by the {variable} environment variable, which takes precedence over the console: change it there and restart
        the server.
      </p>
    </div>
  );
}

/** The SMTP server and sender, where the environment leaves them to the console; the password is write-only. */
export function EmailSettingsForm({ environment, saved, defaultMailFrom }: EmailSettingsFormProps) {
  const [state, action] = useConsoleAction(updateMailSettingsAction);
  const passwordHint = saved.passwordUnreadable
    ? undefined
    : saved.hasPassword
      ? "A password is saved and never shown. Leave this empty to keep it."
      : "No password is saved. Enter one if the server asks for a login.";
  return (
    <ConsoleForm action={action} state={state} className="space-y-4">
      <HiddenFields values={{ version: saved.version }} />
      <FormMessage state={state} />
      {environment.smtpUrl ? (
        <FromEnvironment label="SMTP server" value={environment.smtpUrl} variable="SMTP_URL" />
      ) : (
        <>
          <InputField
            id="mail-smtp-url"
            name="smtpUrl"
            label="SMTP URL"
            fallback={saved.smtpUrl ?? ""}
            autoComplete="off"
            spellCheck={false}
            hint="Such as smtp://user@mail.example.com:587 or smtps://user@mail.example.com:465. Leave it empty to turn email off."
          />
          {saved.passwordUnreadable ? (
            <p
              role="alert"
              className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
            >
              The saved password cannot be read: AUTH_SECRET changed since it was saved. Enter the password again.
            </p>
          ) : null}
          <InputField
            id="mail-password"
            name="password"
            label="SMTP password"
            type="password"
            fallback=""
            autoComplete="new-password"
            hint={passwordHint}
          />
          {saved.hasPassword ? (
            <CheckboxField name="removePassword" fallback={false}>
              Remove the saved password
            </CheckboxField>
          ) : null}
        </>
      )}
      {environment.mailFrom ? (
        <FromEnvironment label="Sender" value={environment.mailFrom} variable="MAIL_FROM" />
      ) : (
        <InputField
          id="mail-from"
          name="mailFrom"
          label="Sender"
          fallback={saved.mailFrom ?? ""}
          placeholder={defaultMailFrom}
          hint={`The From of every email, such as Status <status@example.com>. Empty uses ${defaultMailFrom}.`}
        />
      )}
      {environment.smtpUrl && environment.mailFrom ? null : <SubmitButton>Save email settings</SubmitButton>}
    </ConsoleForm>
  );
}
