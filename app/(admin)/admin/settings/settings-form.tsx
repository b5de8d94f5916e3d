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
import { updateSettingsAction } from "@/app/(admin)/admin/settings/actions";

type Settings = Record<"name" | "url" | "timeZone" | "brandColor", string> &
  Record<
    | "logoUrl"
    | "faviconUrl"
    | "companyUrl"
    | "supportUrl"
    | "contactEmail"
    | "twitter"
    | "privacyUrl"
    | "footerText"
    | "description",
    string | null
  > & { version: number };

type SettingsField = { name: keyof Settings; label: string; type?: string; hint?: string; multiline?: boolean };

const FIELDS: SettingsField[] = [
  { name: "name", label: "Page name" },
  { name: "companyUrl", label: "Company website", type: "url", hint: "Your main site, linked from the page's footer." },
  { name: "timeZone", label: "Time zone", hint: "IANA name, such as Europe/Berlin." },
  { name: "brandColor", label: "Brand colour", hint: "Hex, such as #2563eb." },
  { name: "logoUrl", label: "Logo URL", type: "url" },
  { name: "faviconUrl", label: "Favicon URL", type: "url" },
  { name: "supportUrl", label: "Support URL", type: "url" },
  { name: "contactEmail", label: "Contact email", type: "email" },
  { name: "twitter", label: "Twitter / X handle" },
  { name: "privacyUrl", label: "Privacy policy URL", type: "url" },
  { name: "description", label: "Description", multiline: true },
  { name: "footerText", label: "Footer text", multiline: true },
];

export function SettingsForm({ settings, defaultAddress }: { settings: Settings; defaultAddress: string }) {
  const addressField: SettingsField = {
    name: "url",
    label: "Status page address",
    type: "url",
    hint: `Where visitors reach this status page; used in feeds, emails, embed snippets and API links. Leave empty to use ${defaultAddress} (PUBLIC_URL).`,
  };
  const [state, action] = useConsoleAction(updateSettingsAction);
  return (
    <ConsoleForm action={action} state={state} className="space-y-4">
      <input type="hidden" name="version" value={settings.version} />
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        {[addressField, ...FIELDS].map((field) => (
          <div key={field.name} className={field.multiline || field === addressField ? "sm:col-span-2" : undefined}>
            <Field
              id={`settings-${field.name}`}
              label={field.label}
              hint={field.hint}
              error={fieldError(state, field.name)}
            >
              {(aria) =>
                field.multiline ? (
                  <textarea
                    {...aria}
                    name={field.name}
                    rows={2}
                    defaultValue={valueOf(state, field.name, String(settings[field.name] ?? ""))}
                    className={inputClass}
                  />
                ) : (
                  <input
                    {...aria}
                    name={field.name}
                    type={field.type ?? "text"}
                    defaultValue={valueOf(state, field.name, String(settings[field.name] ?? ""))}
                    className={inputClass}
                  />
                )
              }
            </Field>
          </div>
        ))}
      </div>
      <SubmitButton>Save settings</SubmitButton>
    </ConsoleForm>
  );
}
